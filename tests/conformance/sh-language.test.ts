/**
 * The shell's language against dash, the oracle: userland/tests/sh-language.sh
 * (case, functions with local and return, $(...) and `...`, $((...)),
 * break and continue, field splitting on IFS, here-documents, read, eval,
 * subshells, groups, compound commands in pipelines and with
 * redirections) under dash, under JOS's sh natively (the x86_64 ELF on
 * this host) and on both boards must print the same bytes.
 */
import { describeAgainstDash } from '../support/shell-oracle';

describeAgainstDash('sh-language', 'sh: the language', (reference) => {
  expect(reference).toContain('5! = 120\n');
  expect(reference).toContain('3 [/bin] [] [/usr/bin]\n');
});
