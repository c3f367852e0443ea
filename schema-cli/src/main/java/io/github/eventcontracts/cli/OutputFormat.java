package io.github.eventcontracts.cli;

/** How results are printed. */
enum OutputFormat {
  text,
  json
}
