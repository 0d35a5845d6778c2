"""Issue 13: tests that kill the drift checker's surviving mutants (walker, classify)."""
