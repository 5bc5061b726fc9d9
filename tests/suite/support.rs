//! A temp-dir book and helpers to build it and read what came out.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use unicode_normalization::UnicodeNormalization;

/// The repository root (where the bundled book lives).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of a book in a temp dir, built with the `bcp` binary.
pub struct TestBook {
    pub dir: tempfile::TempDir,
}

impl TestBook {
    /// The bundled template book (book.toml, src/, data/, theme/).
    pub fn bundled() -> TestBook {
        let book = TestBook {
            dir: tempfile::tempdir().unwrap(),
        };
        for item in ["book.toml", "src", "data", "theme", "po"] {
            if repo().join(item).exists() {
                copy(&repo().join(item), &book.root().join(item));
            }
        }
        book
    }

    /// A copy of the clinic template book (book.toml, src/, data/ and the shared theme).
    pub fn clinic() -> TestBook {
        let book = TestBook {
            dir: tempfile::tempdir().unwrap(),
        };
        let from = repo().join("templates/clinic");
        for item in ["book.toml", "src", "data"] {
            copy(&from.join(item), &book.root().join(item));
        }
        // templates/clinic/theme is a link to the repository's theme.
        copy(&repo().join("theme"), &book.root().join("theme"));
        book
    }

    /// The bundled chapters with the example pharmacy's data.
    pub fn sakura() -> TestBook {
        let book = TestBook::bundled();
        std::fs::remove_dir_all(book.root().join("data")).unwrap();
        copy(
            &repo().join("examples/sakura-pharmacy/data"),
            &book.root().join("data"),
        );
        // The example follows the 令和7年度 checklist (its own book.toml says so).
        let toml = book.read("book.toml").replace(
            "[preprocessor.bcp]\n",
            "[preprocessor.bcp]\nchecklist = \"R7-pharmacy\"\n",
        );
        book.write("book.toml", &toml);
        book
    }

    /// A minimal book: one chapter with `chapter` as content and `data` files.
    pub fn minimal(chapter: &str, data: &[(&str, &str)]) -> TestBook {
        let book = TestBook {
            dir: tempfile::tempdir().unwrap(),
        };
        book.write(
            "book.toml",
            "[book]\ntitle = \"t\"\nlanguage = \"ja\"\n\n[preprocessor.bcp]\n",
        );
        book.write("src/SUMMARY.md", "# Summary\n\n- [章](chapter.md)\n");
        book.write("src/chapter.md", chapter);
        for (name, text) in data {
            book.write(&format!("data/{name}"), text);
        }
        book
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Runs `bcp ARGS --root <book>`.
    pub fn bcp(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_bcp"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env("SOURCE_DATE_EPOCH", "1764547200")
            .output()
            .unwrap()
    }

    /// Builds and panics with the error output when it fails.
    pub fn build(&self, args: &[&str]) {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let out = self.bcp(&all);
        assert!(
            out.status.success(),
            "build failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

pub fn copy(from: &Path, to: &Path) {
    if from.is_file() {
        std::fs::copy(from, to).unwrap();
        return;
    }
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The text of an HTML page: tags dropped, entities decoded.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    html_escape::decode_html_entities(&out).into_owned()
}

/// NFKC with all white space removed: how the seed is compared with the site.
pub fn squash(text: &str) -> String {
    text.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// stderr as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A stable digest of every file under `dir` (paths and bytes).
pub fn tree_digest(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}
