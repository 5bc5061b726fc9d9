fn main() {
    print!("{}", mdbook_bcp::blocks::authoring_table());
}
