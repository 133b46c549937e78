/**
 * The shell's variables around commands, `wait`, `set` and aliases
 * against dash, the oracle: userland/tests/sh-builtins.sh under dash,
 * under JOS's sh natively and on both boards must print the same bytes.
 */
import { describeAgainstDash } from '../support/shell-oracle';

describeAgainstDash('sh-builtins', 'sh: assignments before commands, wait, set, aliases', (reference) => {
  expect(reference).toContain("== set lists the variables, sorted and quoted\na='1'\nb='x y'\nc='it'\"'\"'s'\nd=''\n");
  expect(reference).toContain('a built-in: []\nin f: y\na function: []\n');
  expect(reference).toContain('a special built-in keeps it: [z]\n');
  expect(reference).toContain('wait $!: 3\nwait for two, the last one\'s status: 5\n');
  expect(reference).toContain('no such child: 127\n');
  expect(reference).toContain('world\necho world\n');
});
