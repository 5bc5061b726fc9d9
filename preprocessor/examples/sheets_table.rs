//! Prints docs/AUTHORING.md's table of sheets, generated from the registry.

#[allow(clippy::print_stdout, reason = "this example's output is the table")]
fn main() {
    print!("{}", mdbook_bcp::sheets::reference_table());
}
