//! The commands both binaries share: `bcp check` / `mdbook-bcp check` and
//! `bcp new` / `mdbook-bcp new` are one implementation each, with one set of
//! flags (clap [`Args`]) and one meaning of the exit code ([`Exit`]).
//!
//! A command writes to the `out` it is given and prints nothing itself; the
//! binaries pass stdout or stderr, print an error once (`エラー: {err:#}`) and
//! turn the [`Exit`] into the process's exit code.

pub mod check;
pub mod new;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Args;

pub use check::CheckArgs;
pub use new::NewArgs;

/// How a command ended, as the process's exit code: decided here for every
/// command of both binaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: done; the plan is clean.
    Success,
    /// 1: done, and the answer is "no": `check` has findings, a language of
    /// `translations` is below the minimum, `supports` does not support the
    /// renderer.
    Failure,
    /// 2: an error (bad arguments, a file that cannot be read, data that
    /// cannot be loaded, a build that failed).
    Error,
}

impl Exit {
    /// The exit code: 0, 1 or 2.
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Failure => 1,
            Exit::Error => 2,
        }
    }

    /// [`Exit::Success`] when `ok`, else [`Exit::Failure`].
    pub fn success_if(ok: bool) -> Exit {
        if ok { Exit::Success } else { Exit::Failure }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit.code())
    }
}

/// Flags every command that works on a book shares.
#[derive(Args, Debug, Clone, Default)]
pub struct BookArgs {
    /// The book's root folder (the one with book.toml). Default: found upwards from here.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

impl BookArgs {
    /// The root given, or the nearest folder upwards from the current one
    /// that holds a `book.toml`.
    pub fn book_root(&self) -> anyhow::Result<PathBuf> {
        if let Some(root) = &self.root {
            if !root.join("book.toml").is_file() {
                bail!("{} に book.toml がありません", root.display());
            }
            return Ok(root.clone());
        }
        let cwd = std::env::current_dir().context("現在のフォルダがわかりません")?;
        find_upwards(&cwd).with_context(|| {
            format!(
                "{} から上のフォルダに book.toml が見つかりません（--root で指定できます）",
                cwd.display()
            )
        })
    }
}

/// The nearest of `start` and its ancestors that holds a `book.toml`.
fn find_upwards(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join("book.toml").is_file())
        .map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes() {
        assert_eq!(
            [Exit::Success, Exit::Failure, Exit::Error].map(Exit::code),
            [0, 1, 2]
        );
        assert_eq!(Exit::success_if(true), Exit::Success);
        assert_eq!(Exit::success_if(false), Exit::Failure);
    }

    #[test]
    fn book_root_is_found_upwards() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("book.toml"), "[book]\n").unwrap();
        let deep = tmp.path().join("src").join("sub");
        std::fs::create_dir_all(&deep).unwrap();
        assert_eq!(find_upwards(&deep).as_deref(), Some(tmp.path()));
        let given = BookArgs {
            root: Some(deep.clone()),
        };
        let err = given.book_root().unwrap_err().to_string();
        assert!(err.contains("book.toml がありません"), "{err}");
    }
}
