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
    /// 本のフォルダ（book.toml のある所。既定: ここから上へ探します）
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

/// The process's exit code for what `run` returned: an error is printed
/// once (`エラー: …` with its causes) and ends with [`Exit::Error`]. The
/// `main` of both binaries.
pub fn exit(result: anyhow::Result<Exit>) -> ExitCode {
    result
        .unwrap_or_else(|err| {
            #[allow(clippy::print_stderr, reason = "the one place errors reach the user")]
            {
                eprintln!("エラー: {err:#}");
            }
            Exit::Error
        })
        .into()
}

/// `command` (and its subcommands) with its help in Japanese: headings,
/// the help and version flags, and the `help` subcommand left out.
pub fn japanese_help(command: clap::Command) -> clap::Command {
    use clap::{Arg, ArgAction};
    let has_version = command.get_version().is_some();
    let mut command = command
        .help_template(
            "{before-help}{about-with-newline}\n使い方: {usage}\n\n{all-args}{after-help}",
        )
        .subcommand_help_heading("コマンド")
        .subcommand_value_name("コマンド")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .mut_args(|arg| {
            if arg.is_positional() {
                arg.help_heading("引数")
            } else {
                arg.help_heading("オプション")
            }
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("使い方を表示します")
                .help_heading("オプション")
                .global(true),
        );
    if has_version {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("版を表示します")
                .help_heading("オプション"),
        );
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        command = command.mut_subcommand(name, japanese_help);
    }
    command
}

/// clap's error text with its common phrases in Japanese (the values it
/// quotes, and the list of valid ones, stay as they are).
fn japanese_clap_error(text: &str) -> String {
    let mut out = text.strip_prefix("error: ").unwrap_or(text).to_string();
    for (en, ja) in [
        ("invalid value ", "使えない値 "),
        (" for ", " が指定されました: "),
        ("[possible values: ", "[使える値: "),
        ("unexpected argument ", "知らない引数 "),
        (" found", " があります"),
        ("unrecognized subcommand ", "知らないコマンド "),
        (
            "the following required arguments were not provided:",
            "必要な引数がありません:",
        ),
        ("a value is required for ", "値が必要です: "),
        ("but none was supplied", ""),
        ("tip: a similar subcommand exists: ", "もしかして: "),
        ("tip: a similar value exists: ", "もしかして: "),
        ("tip: a similar argument exists: ", "もしかして: "),
        ("tip: ", "ヒント: "),
        ("Usage: ", "使い方: "),
        ("For more information, try '--help'.", ""),
    ] {
        out = out.replace(en, ja);
    }
    out.trim_end().to_string()
}

/// Parses the command line of `P` with help in Japanese. Help and version
/// are printed and end the process with 0; a wrong argument is printed with a
/// Japanese first line and ends it with 2 (clap's own text, which lists the
/// valid values, follows).
pub fn parse<P: clap::Parser>(binary: &str) -> P {
    let matches = japanese_help(P::command()).try_get_matches();
    match matches.and_then(|m| P::from_arg_matches(&m)) {
        Ok(parsed) => parsed,
        Err(err) => {
            use clap::error::ErrorKind;
            if matches!(
                err.kind(),
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
            ) {
                let _ = err.print();
                std::process::exit(0);
            }
            let text = japanese_clap_error(&err.render().to_string());
            #[allow(
                clippy::print_stderr,
                reason = "the one place argument errors reach the user"
            )]
            {
                eprintln!(
                    "エラー: コマンドの書き方が違います（{binary} --help で使い方を表示します）\n{text}"
                );
            }
            std::process::exit(Exit::Error.code().into());
        }
    }
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
