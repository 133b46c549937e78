/* An empty program: its native run time (process start-up and exit) is
 * subtracted from the bench programs' native times. */
int main(void) { return 0; }
