/** Help texts of the `spillover` command. */

export const generalHelp = `spillover - spatial panel econometrics from the command line

Usage:
  spillover fit SPEC.json [--pretty] [--write-csv OUT.csv]
  spillover validate DATA.csv --unit COLUMN --time COLUMN [--pretty]
  spillover help [COMMAND]
  spillover --help | --version

Commands:
  fit        Run an analysis spec (JSON, contract v1) and print the result JSON on stdout.
  validate   Check a panel CSV and print its validation report (columns, balance, missing unit-periods).
  help       Show this text, or the help of one command.

Options:
  --pretty   Indent the JSON output.
  --help, -h Show help.
  --version  Print the version.

Exit codes: 0 success; 2 bad input (spec, data, weights, arguments), with one line
"spillover: <message>" on stderr naming the field, column, row or cell; 1 unexpected error.
`;

export const commandHelp: Record<string, string> = {
  fit: `Usage: spillover fit SPEC.json [--pretty] [--write-csv OUT.csv]

Runs one analysis spec and prints its result JSON on stdout.

The spec is a JSON document (see docs/analysis-spec.md), for example
  { "kind": "regression", "data": "panel.csv", "unit": "state", "time": "year",
    "y": "lgsp", "x": ["lpcap", "lpc"], "model": "fe", "effects": "twoways", "vcov": "cluster" }
Paths inside the spec ("data" and "weights.path") are relative to the spec file.

Options:
  --pretty             Indent the JSON output (two spaces).
  --write-csv OUT.csv  Measurement kinds (transform, entropy-index, location-quotient, keyword-count):
                       also write the panel with the new columns appended to OUT.csv.

Exit code 2 and one line on stderr when the spec, the panel or the weights are invalid.
`,
  validate: `Usage: spillover validate DATA.csv --unit COLUMN --time COLUMN [--pretty]

Parses a long-format panel CSV (one row per unit and period, header row) and prints its
validation report: rows, units, periods, whether it is balanced, the missing unit-periods,
and every column typed numeric or text with its count of missing cells.

Options:
  --unit COLUMN   The unit id column (required).
  --time COLUMN   The period column (required).
  --pretty        Indent the JSON output (two spaces).

Exit code 2 and one line on stderr for an empty file, a malformed line, a missing
unit/time column or a duplicate unit-period.
`,
  help: `Usage: spillover help [COMMAND]

Shows the general help, or the help of COMMAND (fit, validate).
`,
};
