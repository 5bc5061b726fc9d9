//! What every subcommand of `bcp` shares: the book flags (one definition for
//! both binaries, [`mdbook_bcp::command::BookArgs`]), the exit codes and the
//! progress line on stderr.

pub use mdbook_bcp::command::{BookArgs, Exit};

/// Messages for the user on stderr (stdout stays free for machine output).
#[allow(clippy::print_stderr, reason = "user-facing progress line")]
pub fn say(message: &str) {
    eprintln!("{message}");
}
