# The x86_64 interpreter's warm-up program (arch/x86_64/interpreter-warmup.ts).
# Runs once per process on a scratch core: every inline form of
# fast-kinds.ts, fast and slow paths, so V8 has type feedback for all of
# runBlocks before it first optimizes it. RAM is 1 MiB at 0x80000000, so
# RIPs and addresses are beyond 2^31 (doubles, as the kernel's are); code
# at 0x80001000, data from the next page on, the stack below 0x80020000.
# Every other pass runs the same bytes from the RAM's alias at 0x100000
# (RIPs below 2^30, as user programs'), so the program is position
# independent. From 0x200000 on, low addresses are open bus: every memory
# form takes its slow path there. Ends with a #GP.
.intel_syntax noprefix
.text
.globl _start
_start:
  mov ecx, 3
outer:
  lea rsi, [rip + data]
  mov r8, rsi
  mov r9d, esi
  movabs rax, 0x123456789
  mov r10, -7
  mov ebx, 0x35
  # ---- generated: ALU register forms (npm run gen:x86; do not edit) ----
  add eax, ebx
  add rax, rbx
  add eax, 5
  add rax, 5
  or eax, ebx
  or rax, rbx
  or eax, 5
  or rax, 5
  test eax, ebx
  test rax, rbx
  test eax, 5
  test rax, 5
  and eax, ebx
  and rax, rbx
  and eax, 5
  and rax, 5
  sub eax, ebx
  sub rax, rbx
  sub eax, 5
  sub rax, 5
  xor eax, ebx
  xor rax, rbx
  xor eax, 5
  xor rax, 5
  cmp eax, ebx
  cmp rax, rbx
  cmp eax, 5
  cmp rax, 5
  inc eax
  inc rax
  dec eax
  dec rax
  neg eax
  neg rax
  not eax
  not rax
  # ---- end of generated ALU register forms ----
  # ---- generated: shift forms (npm run gen:x86; do not edit) ----
  shl eax, 3
  shr eax, 1
  sar eax, 2
  shl rax, 35
  shr rax, 33
  sar rax, 3
  shl rax, 1
  shr rax, 1
  sar rax, 1
  shl rax, 40
  shr rax, 40
  sar rax, 40
  # ---- end of generated shift forms ----
  # ---- generated: move register forms (npm run gen:x86; do not edit) ----
  mov eax, ebx
  mov rax, rbx
  mov eax, 5
  mov rax, 5
  movzx eax, bl
  movzx eax, bh
  movzx rax, bl
  movzx eax, bx
  movzx rax, bx
  movsx eax, bl
  movsx eax, bh
  movsx rax, bl
  movsx eax, bx
  movsx rax, bx
  movsxd rax, ebx
  # ---- end of generated move register forms ----
  # ---- generated: lea and accumulator forms (npm run gen:x86; do not edit) ----
  lea eax, [rbx + 4]
  lea eax, [rbx + rcx*2 + 1]
  lea rax, [rbx + 8]
  lea rax, [rbx + rcx*8 + 16]
  lea rax, [rsi + 8]
  lea rax, [rsi + rcx*4 + 8]
  lea rax, [r10 + 8]
  movabs rdx, 0x7fffffffffffffff
  lea rax, [rdx + rdx]
  cdqe
  cdq
  cqo
  # ---- end of generated lea and accumulator forms ----
  imul eax, ebx
  imul eax, ebx, 7
  mov eax, 100
  cdq
  mov ebx, 7
  idiv ebx
  mov edx, 1
  xor eax, eax
  idiv ebx
  xor edx, edx
  mov eax, 100
  div ebx
  mov eax, 0xfffffff0
  xor edx, edx
  mov ebx, 0x90000000
  div ebx
  mov ebx, 7
  mov edx, 1
  div ebx
# memory forms
  # ---- generated: move memory forms, fast paths (npm run gen:x86; do not edit) ----
  mov eax, dword ptr [rsi]
  mov rax, qword ptr [rsi]
  mov [rsi + 16], eax
  mov [rsi + 24], rax
  mov dword ptr [rsi + 32], 7
  mov qword ptr [rsi + 40], -1
  mov ah, byte ptr [rsi]
  mov al, byte ptr [rsi]
  mov [rsi + 48], bl
  mov [rsi + 49], bh
  mov byte ptr [rsi + 50], 3
  movzx eax, byte ptr [rsi]
  movzx rax, byte ptr [rsi]
  movzx eax, word ptr [rsi]
  movzx rax, word ptr [rsi]
  movsx eax, byte ptr [rsi]
  movsx rax, byte ptr [rsi]
  movsx eax, word ptr [rsi]
  movsx rax, word ptr [rsi]
  movsxd rax, dword ptr [rsi]
  # ---- end of generated move memory forms, fast paths ----
  # ---- generated: ALU memory forms, fast paths (npm run gen:x86; do not edit) ----
  add eax, [rsi]
  add rax, [rsi]
  or eax, [rsi]
  or rax, [rsi]
  and eax, [rsi]
  and rax, [rsi]
  sub eax, [rsi]
  sub rax, [rsi]
  xor eax, [rsi]
  xor rax, [rsi]
  cmp eax, [rsi]
  cmp rax, [rsi]
  cmp [rsi], eax
  cmp [rsi], rax
  cmp dword ptr [rsi], 5
  cmp qword ptr [rsi], 5
  cmp [rsi], bl
  cmp [rsi], bh
  cmp byte ptr [rsi], 5
  # ---- end of generated ALU memory forms, fast paths ----
# address forms: base+index, rip-relative, index only, a segment override
  mov eax, [rsi + rcx*4]
  mov eax, [rip + data]
  mov eax, [rcx*4 + 0x1000]
# index only, an index whose low half is 2^31 or more (the double sum)
  mov eax, [rsi*1 + 8]
  mov eax, fs:[rsi]
# page crossings and the second data page (a TLB miss on the first pass)
  mov eax, [rsi + 4094]
  mov rax, [rsi + 4092]
  mov [rsi + 4093], eax
  mov [rsi + 4090], rax
  movzx eax, word ptr [rsi + 4095]
  mov [rsi + 4095], bl
  mov al, [rsi + 4100]
# every memory form at an open-bus address: the slow paths
  mov edx, 0x200000
  # ---- generated: move memory forms, slow paths (npm run gen:x86; do not edit) ----
  mov eax, dword ptr [rdx]
  mov rax, qword ptr [rdx]
  mov [rdx + 16], eax
  mov [rdx + 24], rax
  mov dword ptr [rdx + 32], 7
  mov qword ptr [rdx + 40], -1
  mov ah, byte ptr [rdx]
  mov al, byte ptr [rdx]
  mov [rdx + 48], bl
  mov [rdx + 49], bh
  mov byte ptr [rdx + 50], 3
  movzx eax, byte ptr [rdx]
  movzx rax, byte ptr [rdx]
  movzx eax, word ptr [rdx]
  movzx rax, word ptr [rdx]
  movsx eax, byte ptr [rdx]
  movsx rax, byte ptr [rdx]
  movsx eax, word ptr [rdx]
  movsx rax, word ptr [rdx]
  movsxd rax, dword ptr [rdx]
  # ---- end of generated move memory forms, slow paths ----
  # ---- generated: ALU memory forms, slow paths (npm run gen:x86; do not edit) ----
  add eax, [rdx]
  add rax, [rdx]
  or eax, [rdx]
  or rax, [rdx]
  and eax, [rdx]
  and rax, [rdx]
  sub eax, [rdx]
  sub rax, [rdx]
  xor eax, [rdx]
  xor rax, [rdx]
  cmp eax, [rdx]
  cmp rax, [rdx]
  cmp [rdx], eax
  cmp [rdx], rax
  cmp dword ptr [rdx], 5
  cmp qword ptr [rdx], 5
  cmp [rdx], bl
  cmp [rdx], bh
  cmp byte ptr [rdx], 5
  # ---- end of generated ALU memory forms, slow paths ----
  imul eax, [rdx]
# base+index and index-only, below 2^31 (the int32 address sums)
  mov [rdx + rcx*4], eax
  mov eax, [rcx*8 + 0x200000]
# and in the high half (negative addresses: the double page arithmetic)
  movabs rdx, 0xffffffff80001000
  mov eax, [rdx]
  mov rax, [rdx + rcx*8]
  mov [rdx + 8], eax
  mov eax, [rcx*4 - 0x1000]
# an index whose low half is 2^31 or more (a sum that wraps to 0x1000, open
# bus), and neg of such a value (both exceed int32 as unsigned)
  mov ebx, 0x80000000
  mov eax, [rdx + rbx]
  mov eax, 0x80000001
  neg eax
  mov eax, 0x80000001
  neg rax
# imul overflows
  movabs rax, 0x7fffffff
  imul eax, eax
  imul eax, eax, 0x40000000
  mov dword ptr [rsi + 16], 0x40000000
  imul eax, [rsi + 16]
# conditions, each taken on some pass and not on another (operands from
# the pass number in ecx: 3, 2, 1): fused after 32/64-bit cmp and after
# results, and from the lazy flags after a shift
  # ---- generated: fused conditions (npm run gen:x86; do not edit) ----
  mov eax, ecx
  mov ebx, 2
  cmp eax, ebx
  jb 1f
  1:
  cmp eax, ebx
  jae 1f
  1:
  cmp eax, ebx
  je 1f
  1:
  cmp eax, ebx
  jne 1f
  1:
  cmp eax, ebx
  jbe 1f
  1:
  cmp eax, ebx
  ja 1f
  1:
  cmp eax, ebx
  jl 1f
  1:
  cmp eax, ebx
  jge 1f
  1:
  cmp eax, ebx
  jle 1f
  1:
  cmp eax, ebx
  jg 1f
  1:
  # 64 bits: the high halves differ on passes 3 and 1, are equal on pass 2
  mov rax, rcx
  shl rax, 32
  movabs rbx, 0x200000000
  cmp rax, rbx
  jb 1f
  1:
  cmp rax, rbx
  jae 1f
  1:
  cmp rax, rbx
  je 1f
  1:
  cmp rax, rbx
  jne 1f
  1:
  cmp rax, rbx
  jbe 1f
  1:
  cmp rax, rbx
  ja 1f
  1:
  cmp rax, rbx
  jl 1f
  1:
  cmp rax, rbx
  jge 1f
  1:
  cmp rax, rbx
  jle 1f
  1:
  cmp rax, rbx
  jg 1f
  1:
  # the same against memory: register compares take their jcc themselves
  # (pairWithBranch), these leave it to the fused jcc's own case
  mov [rsi + 24], rbx
  mov eax, ecx
  shl rax, 32
  cmp rax, [rsi + 24]
  jb 1f
  1:
  cmp rax, [rsi + 24]
  jae 1f
  1:
  cmp rax, [rsi + 24]
  je 1f
  1:
  cmp rax, [rsi + 24]
  jne 1f
  1:
  cmp rax, [rsi + 24]
  jbe 1f
  1:
  cmp rax, [rsi + 24]
  ja 1f
  1:
  cmp rax, [rsi + 24]
  jl 1f
  1:
  cmp rax, [rsi + 24]
  jge 1f
  1:
  cmp rax, [rsi + 24]
  jle 1f
  1:
  cmp rax, [rsi + 24]
  jg 1f
  1:
  mov eax, ecx
  mov dword ptr [rsi + 24], 2
  cmp eax, [rsi + 24]
  jb 1f
  1:
  cmp eax, [rsi + 24]
  jae 1f
  1:
  cmp eax, [rsi + 24]
  je 1f
  1:
  cmp eax, [rsi + 24]
  jne 1f
  1:
  cmp eax, [rsi + 24]
  jbe 1f
  1:
  cmp eax, [rsi + 24]
  ja 1f
  1:
  cmp eax, [rsi + 24]
  jl 1f
  1:
  cmp eax, [rsi + 24]
  jge 1f
  1:
  cmp eax, [rsi + 24]
  jle 1f
  1:
  cmp eax, [rsi + 24]
  jg 1f
  1:
  # ---- end of generated fused conditions ----
  mov eax, ecx
  mov ebx, 2
  test eax, ebx
  je 1f
1:test eax, ebx
  jne 1f
1:mov rax, rcx
  shl rax, 32
  movabs rbx, 0x200000000
  test rax, rbx
  je 1f
1:test rax, rbx
  jne 1f
1:inc eax
  je 1f
# a register sub/cmp/test takes its jcc itself (fast-kinds.ts pairWithBranch):
# every form, both outcomes over the passes
1:mov eax, ecx
  mov ebx, 2
  sub eax, ebx
  jb 1f
1:sub eax, 1
  jne 1f
1:mov eax, ecx
  cmp eax, 2
  jl 1f
1:test eax, 1
  je 1f
1:mov rax, rcx
  movabs rbx, 0x200000000
  sub rax, rbx
  jl 1f
1:sub rax, 1
  jne 1f
1:cmp rax, 2
  jg 1f
1:test rax, 1
  jne 1f
1:
  # ---- generated: flag conditions (npm run gen:x86; do not edit) ----
  mov eax, ecx
  shl eax, 30
  shl eax, 1
  jo 1f
  1:
  mov eax, ecx
  shl eax, 30
  shl eax, 1
  jno 1f
  1:
  mov eax, ecx
  shl eax, 30
  shl eax, 1
  jb 1f
  1:
  mov eax, ecx
  shl eax, 30
  shl eax, 1
  jae 1f
  1:
  mov eax, ecx
  shl eax, 30
  shl eax, 1
  je 1f
  1:
  mov eax, ecx
  shl eax, 30
  shl eax, 1
  jne 1f
  1:
  mov eax, ecx
  shl eax, 30
  shl eax, 1
  jbe 1f
  1:
  mov eax, ecx
  shl eax, 30
  shl eax, 1
  ja 1f
  1:
  mov eax, ecx
  shl eax, 30
  shl eax, 1
  js 1f
  1:
  mov eax, ecx
  shl eax, 30
  shl eax, 1
  jns 1f
  1:
  mov eax, ecx
  shl eax, 30
  shl eax, 1
  jp 1f
  1:
  mov eax, ecx
  shl eax, 30
  shl eax, 1
  jnp 1f
  1:
  mov eax, ecx
  shl eax, 30
  shl eax, 1
  jl 1f
  1:
  mov eax, ecx
  shl eax, 30
  shl eax, 1
  jge 1f
  1:
  mov eax, ecx
  shl eax, 30
  shl eax, 1
  jle 1f
  1:
  mov eax, ecx
  shl eax, 30
  shl eax, 1
  jg 1f
  1:
  # ---- end of generated flag conditions ----
  mov eax, ecx
  shl eax, 30
  mov eax, [rsi]
  jl 1f
1:je 1f
1:mov rax, [rsi]
  jg 1f
1:
# unfused: a move between the cmp and its jcc leaves the jcc to the lazy
# SUB flags (32 and 64 bits, unsigned and signed conditions)
  # ---- generated: unfused conditions (npm run gen:x86; do not edit) ----
  mov eax, ecx
  mov ebx, 2
  cmp eax, ebx
  mov edx, edx
  jb 1f
  1:
  cmp eax, ebx
  mov edx, edx
  jae 1f
  1:
  cmp eax, ebx
  mov edx, edx
  jbe 1f
  1:
  cmp eax, ebx
  mov edx, edx
  ja 1f
  1:
  cmp eax, ebx
  mov edx, edx
  jl 1f
  1:
  cmp eax, ebx
  mov edx, edx
  jge 1f
  1:
  cmp eax, ebx
  mov edx, edx
  jle 1f
  1:
  cmp eax, ebx
  mov edx, edx
  jg 1f
  1:
  mov rax, rcx
  shl rax, 32
  movabs rbx, 0x200000000
  cmp rax, rbx
  mov rdx, rdx
  jb 1f
  1:
  cmp rax, rbx
  mov rdx, rdx
  jae 1f
  1:
  cmp rax, rbx
  mov rdx, rdx
  jbe 1f
  1:
  cmp rax, rbx
  mov rdx, rdx
  ja 1f
  1:
  cmp rax, rbx
  mov rdx, rdx
  jl 1f
  1:
  cmp rax, rbx
  mov rdx, rdx
  jge 1f
  1:
  cmp rax, rbx
  mov rdx, rdx
  jle 1f
  1:
  cmp rax, rbx
  mov rdx, rdx
  jg 1f
  1:
  # ---- end of generated unfused conditions ----
# stack and control transfers
  push rax
  push rbx
  pop rax
  pop rbx
  call 2f
  jmp 3f
2:ret
3:lea rax, [rip + 4f]
  jmp rax
4:lea rax, [rip + 7f]
  mov [rsi + 4092], rax
  jmp qword ptr [rsi + 4092]
7:lea rax, [rip + 5f]
  mov [rsi + 64], rax
  jmp qword ptr [rsi + 64]
5:adc eax, ebx
  sete al
# a store into this code page ends its block
  lea rax, [rip + 6f]
  mov byte ptr [rax], 0x90
  mov dword ptr [rax], 0x90909090
6:nop
  nop
  nop
  nop
  nop dword ptr [rax]
# 64-bit arithmetic whose low halves are beyond 2^31, and je/jne after a
# 64-bit result with a zero low half
  mov rax, -5
  mov rbx, -3
  add rax, rbx
  sub rax, rbx
  cmp rax, rbx
  jl 1f
1:sub rax, -7
  jne 1f
1:cmp rax, -2
  jg 1f
1:add rax, [rsi + 8]
  sub rax, [rsi + 8]
  cmp rax, [rsi + 8]
  movabs rax, 0x100000000
  add rax, 0
  je 1f
1:add rax, 0
  jne 2f
# (a block starts at 2: its je reads the lazy flags of the add)
2:je 1f
1:
  # ---- generated: 64-bit ALU forms on wide operands (npm run gen:x86; do not edit) ----
  mov rax, -7
  mov rbx, -3
  add rax, rbx
  mov rax, -7
  mov rbx, 5
  add rax, rbx
  mov rax, 5
  mov rbx, -3
  add rax, rbx
  mov rax, -7
  add rax, -3
  mov rax, -7
  add rax, 5
  mov rax, 5
  add rax, -3
  mov rax, -7
  mov rbx, -3
  mov [rsi + 2048], rbx
  add rax, [rsi + 2048]
  mov rax, -7
  mov rbx, 5
  mov [rsi + 2048], rbx
  add rax, [rsi + 2048]
  mov rax, 5
  mov rbx, -3
  mov [rsi + 2048], rbx
  add rax, [rsi + 2048]
  mov rax, -7
  mov rbx, -3
  or rax, rbx
  mov rax, -7
  mov rbx, 5
  or rax, rbx
  mov rax, 5
  mov rbx, -3
  or rax, rbx
  mov rax, -7
  or rax, -3
  mov rax, -7
  or rax, 5
  mov rax, 5
  or rax, -3
  mov rax, -7
  mov rbx, -3
  mov [rsi + 2048], rbx
  or rax, [rsi + 2048]
  mov rax, -7
  mov rbx, 5
  mov [rsi + 2048], rbx
  or rax, [rsi + 2048]
  mov rax, 5
  mov rbx, -3
  mov [rsi + 2048], rbx
  or rax, [rsi + 2048]
  mov rax, -7
  mov rbx, -3
  test rax, rbx
  mov rax, -7
  mov rbx, 5
  test rax, rbx
  mov rax, 5
  mov rbx, -3
  test rax, rbx
  mov rax, -7
  test rax, -3
  mov rax, -7
  test rax, 5
  mov rax, 5
  test rax, -3
  mov rax, -7
  mov rbx, -3
  and rax, rbx
  mov rax, -7
  mov rbx, 5
  and rax, rbx
  mov rax, 5
  mov rbx, -3
  and rax, rbx
  mov rax, -7
  and rax, -3
  mov rax, -7
  and rax, 5
  mov rax, 5
  and rax, -3
  mov rax, -7
  mov rbx, -3
  mov [rsi + 2048], rbx
  and rax, [rsi + 2048]
  mov rax, -7
  mov rbx, 5
  mov [rsi + 2048], rbx
  and rax, [rsi + 2048]
  mov rax, 5
  mov rbx, -3
  mov [rsi + 2048], rbx
  and rax, [rsi + 2048]
  mov rax, -7
  mov rbx, -3
  sub rax, rbx
  mov rax, -7
  mov rbx, 5
  sub rax, rbx
  mov rax, 5
  mov rbx, -3
  sub rax, rbx
  mov rax, -7
  sub rax, -3
  mov rax, -7
  sub rax, 5
  mov rax, 5
  sub rax, -3
  mov rax, -7
  mov rbx, -3
  mov [rsi + 2048], rbx
  sub rax, [rsi + 2048]
  mov rax, -7
  mov rbx, 5
  mov [rsi + 2048], rbx
  sub rax, [rsi + 2048]
  mov rax, 5
  mov rbx, -3
  mov [rsi + 2048], rbx
  sub rax, [rsi + 2048]
  mov rax, -7
  mov rbx, -3
  xor rax, rbx
  mov rax, -7
  mov rbx, 5
  xor rax, rbx
  mov rax, 5
  mov rbx, -3
  xor rax, rbx
  mov rax, -7
  xor rax, -3
  mov rax, -7
  xor rax, 5
  mov rax, 5
  xor rax, -3
  mov rax, -7
  mov rbx, -3
  mov [rsi + 2048], rbx
  xor rax, [rsi + 2048]
  mov rax, -7
  mov rbx, 5
  mov [rsi + 2048], rbx
  xor rax, [rsi + 2048]
  mov rax, 5
  mov rbx, -3
  mov [rsi + 2048], rbx
  xor rax, [rsi + 2048]
  mov rax, -7
  mov rbx, -3
  cmp rax, rbx
  mov rax, -7
  mov rbx, 5
  cmp rax, rbx
  mov rax, 5
  mov rbx, -3
  cmp rax, rbx
  mov rax, -7
  cmp rax, -3
  mov rax, -7
  cmp rax, 5
  mov rax, 5
  cmp rax, -3
  mov rax, -7
  mov rbx, -3
  mov [rsi + 2048], rbx
  cmp rax, [rsi + 2048]
  mov rax, -7
  mov rbx, 5
  mov [rsi + 2048], rbx
  cmp rax, [rsi + 2048]
  mov rax, 5
  mov rbx, -3
  mov [rsi + 2048], rbx
  cmp rax, [rsi + 2048]
  mov rax, -7
  mov rbx, -3
  mov [rsi + 2048], rax
  mov rax, rbx
  cmp [rsi + 2048], rax
  mov rax, -7
  mov rbx, 5
  mov [rsi + 2048], rax
  mov rax, rbx
  cmp [rsi + 2048], rax
  mov rax, 5
  mov rbx, -3
  mov [rsi + 2048], rax
  mov rax, rbx
  cmp [rsi + 2048], rax
  mov rax, -7
  mov [rsi + 2048], rax
  cmp qword ptr [rsi + 2048], -3
  mov rax, -7
  mov [rsi + 2048], rax
  cmp qword ptr [rsi + 2048], 5
  mov rax, 5
  mov [rsi + 2048], rax
  cmp qword ptr [rsi + 2048], -3
  mov rax, -7
  inc rax
  mov rax, -7
  dec rax
  mov rax, -7
  neg rax
  mov rax, -7
  not rax
  # ---- end of generated 64-bit ALU forms on wide operands ----
# a block run at its RAM alias 2^32 up (the same block-cache hash slot),
# then at its own address from another block: the lookup finds it through
# its page's block list (BlockCache.lookupPage's hit; Doom deoptimized
# runBlocks there)
  lea rax, [rip + 8f]
  call rax
  movabs rbx, 0x100000000
  add rax, rbx
  call rax
  sub rax, rbx
  call rax
  jmp 9f
8:ret
9:
# je/jne after an instruction that sets the flags themselves (bsf: no
# lazy record, the case's testCC call; bzbench deoptimized runBlocks there)
  mov ebx, 0x10
  bsf eax, ebx
  je 1f
1:bsf eax, ebx
  jne 1f
1:
# a loop whose first block goes alternately to its two remembered
# successors (through jmp rdx: blocks run on past jcc and jmp rel), and a
# block that loops on itself; the code page is rewritten below, so every
# pass rebuilds its blocks and only loops within a pass reuse them
  mov eax, 6
2:lea rdx, [rip + 3f]
  lea rbx, [rip + 4f]
  test eax, 1
  cmovne rdx, rbx
  jmp rdx
3:dec eax
  jnz 2b
  jmp 5f
4:dec eax
  jnz 2b
5:
  mov eax, 3
4:dec eax
  jnz 4b
# jumps the interpreter's blocks run on through, more than a block holds
# (the last ones end their blocks)
.rept 100
  jmp 1f
1:
.endr
# two loops the warm-up core compiles, in the last time round only (it
# compiles a block after 32 runs: these run 40 times in a row, every
# other block at most 9 times, the store into the code page above drops
# them each time round), so that
# runBlocks calls two compiled regions (two closures of one site: its call
# feedback then covers every region) and their exits store the flag block
# into the core's fields (doubles: V8 changes the fields' representation
# here, not while it compiles runBlocks for the guest)
  cmp ecx, 1
  jne 2f
  mov eax, 40
1:add ebx, [rsi]
  dec eax
  jnz 1b
  mov eax, 40
1:sub ebx, eax
  dec eax
  jnz 1b
2:dec ecx
  jnz outer
# the last pass ends with a #GP (non-canonical address)
  movabs rax, 0x8000000000000000
  mov eax, [rax]
  hlt
code_end:
.balign 4096
data:
  .quad 0x0102030405060708, 0x1111222233334444
