# Bare-metal ESP32-C3 test: bring up the ST7789 on GP-SPI2 (D/C on GPIO2)
# and fill the 320x240 screen green with one GDMA descriptor chain whose 38
# descriptors all point at the same 4092-byte buffer in internal SRAM.
    .equ GPIO, 0x60004000
    .equ SPI2, 0x60024000
    .equ GDMA, 0x6003F000
    .equ BUF,  0x3FCA0000       # pixel buffer (DRAM)
    .equ DESC, 0x3FCA2000       # descriptors (DRAM)
    .equ DONE, 0x3FCA3000
    .equ USR,  0x01000000       # SPI_CMD.USR
    .section .text
    .globl _start
_start:
    li   s0, GPIO
    li   s1, SPI2
    li   s2, GDMA
    li   t0, 4
    sw   t0, 0x24(s0)           # GPIO_ENABLE_W1TS: GPIO2 drives D/C
    li   t0, 0x08000000
    sw   t0, 0x10(s1)           # SPI_USER: data phase (USR_MOSI) only
    li   a0, 0x01               # SWRESET
    call command
    li   a0, 0x11               # SLPOUT
    call command
    li   a0, 0x3A               # COLMOD 0x55
    call command
    li   a0, 0x55
    li   a1, 1
    call data
    li   a0, 0x36               # MADCTL MV|MX
    call command
    li   a0, 0x60
    li   a1, 1
    call data
    li   a0, 0x29               # DISPON
    call command
    li   a0, 0x2A               # CASET 0..319
    call command
    li   a0, 0x3F010000
    li   a1, 4
    call data
    li   a0, 0x2B               # RASET 0..239
    call command
    li   a0, 0xEF000000
    li   a1, 4
    call data
    li   a0, 0x2C               # RAMWR
    call command
    # 4092 bytes of green (0x07E0, high byte first on the wire).
    li   t0, BUF
    li   t1, 1023
    li   t2, 0xE007E007
fill:
    sw   t2, 0(t0)
    addi t0, t0, 4
    addi t1, t1, -1
    bnez t1, fill
    # 38 descriptors: 37 x 4092 bytes + 2196, owner = DMA, suc_eof on the last.
    li   t0, DESC
    li   t1, 37
    li   t2, 0x80FFCFFC         # owner | length 4092 | size 4092
    li   t3, BUF
desc:
    sw   t2, 0(t0)
    sw   t3, 4(t0)
    addi t4, t0, 12
    sw   t4, 8(t0)
    mv   t0, t4
    addi t1, t1, -1
    bnez t1, desc
    li   t2, 0xC0894894         # owner | suc_eof | length 2196 | size 2196
    sw   t2, 0(t0)
    sw   t3, 4(t0)
    sw   zero, 8(t0)
    li   t0, 4
    sw   t0, 0x08(s0)           # GPIO_OUT_W1TS: D/C high, pixels are data
    sw   zero, 0x100(s2)        # OUT_PERI_SEL ch0 = SPI2
    li   t0, 0x002A2000         # OUTLINK_START | (DESC & 0xFFFFF)
    sw   t0, 0xE0(s2)
    li   t0, 0x10000000
    sw   t0, 0x30(s1)           # SPI_DMA_CONF: DMA_TX_ENA
    li   s3, 153600             # bytes left
    li   s4, 32768
send:
    mv   t0, s3
    bltu t0, s4, 1f
    mv   t0, s4
1:  sub  s3, s3, t0
    slli t0, t0, 3
    addi t0, t0, -1
    sw   t0, 0x1C(s1)           # SPI_MS_DLEN
    call start
    bnez s3, send
    sw   zero, 0x30(s1)
    li   t1, 0x100              # OUT_TOTAL_EOF
wait_eof:
    lw   t0, 0(s2)              # GDMA_INT_RAW_CH0
    and  t0, t0, t1
    beqz t0, wait_eof
    li   t0, DONE
    li   t1, 0x600D
    sw   t1, 0(t0)
hang:
    j    hang

# a0: command byte, sent with D/C low.
command:
    li   t0, 4
    sw   t0, 0x0C(s0)           # GPIO_OUT_W1TC
    sw   a0, 0x98(s1)           # SPI_W0
    li   t0, 7
    sw   t0, 0x1C(s1)           # 8 bits
    j    start
# a0: up to 4 parameter bytes (first in bits 7:0), a1: count; D/C high.
data:
    li   t0, 4
    sw   t0, 0x08(s0)           # GPIO_OUT_W1TS
    sw   a0, 0x98(s1)
    slli t0, a1, 3
    addi t0, t0, -1
    sw   t0, 0x1C(s1)
# Starts the transaction and waits for USR to clear.
start:
    li   t0, USR
    sw   t0, 0(s1)
1:  lw   t1, 0(s1)
    and  t1, t1, t0
    bnez t1, 1b
    ret
