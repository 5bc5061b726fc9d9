//! A chain book: every store's plan under book/stores/<id>/, the overview at
//! book/index.html, data errors of all stores in one run, `--store`.

use std::path::PathBuf;
use std::process::{Command, Output};

use super::support::*;

/// The example chain copied to a temp dir, its chapters at `../../src` as in
/// the repository.
struct Chain {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Chain {
    fn example() -> Chain {
        let dir = tempfile::tempdir().unwrap();
        copy(&repo().join("src"), &dir.path().join("src"));
        let root = dir.path().join("examples/chain");
        for item in ["book.toml", "data", "stores"] {
            let to = root.join(item);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            copy(&repo().join("examples/chain").join(item), &to);
        }
        copy(&repo().join("theme"), &root.join("theme"));
        Chain { _dir: dir, root }
    }

    fn bcp(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_bcp"))
            .args(args)
            .arg("--root")
            .arg(&self.root)
            .env("SOURCE_DATE_EPOCH", "1764547200")
            .output()
            .unwrap()
    }

    fn build(&self, args: &[&str]) {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let out = self.bcp(&all);
        assert!(out.status.success(), "build failed:\n{}", stderr(&out));
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.root.join(rel), text).unwrap();
    }

    fn book(&self) -> PathBuf {
        self.root.join("book")
    }
}

/// The overview's row of store `id`, as text.
fn row(overview: &str, id: &str) -> String {
    let start = overview
        .find(&format!("<tr id=\"store-{id}\">"))
        .unwrap_or_else(|| panic!("no row for {id}"));
    let end = start + overview[start..].find("</tr>").unwrap();
    overview[start..end].to_string()
}

#[test]
fn every_store_gets_its_own_plan_and_a_row_in_the_overview() {
    let chain = Chain::example();
    chain.build(&[]);
    for (id, name) in [
        ("honcho", "さくら調剤薬局 本町店"),
        ("ekimae", "さくら調剤薬局 駅前店"),
        ("minami", "さくら調剤薬局 南口店"),
    ] {
        let cover = chain.read(&format!("book/stores/{id}/index.html"));
        assert!(cover.contains(name), "{id}'s plan shows its name");
        assert!(!cover.contains("（本部）"), "{id}: not the shared name");
    }
    // A store's own device ledger replaces the shared one.
    let ledger = "ch2/2-1.html";
    assert!(
        chain
            .read(&format!("book/stores/minami/{ledger}"))
            .contains("SKR-M-YK01")
    );
    assert!(
        !chain
            .read(&format!("book/stores/minami/{ledger}"))
            .contains("SKR-SV01")
    );
    assert!(
        chain
            .read(&format!("book/stores/honcho/{ledger}"))
            .contains("SKR-SV01")
    );
    // A store's 2.4 row overrides only its status and owner.
    let ekimae_24 = html_text(&chain.read("book/stores/ekimae/ch2/2-4.html"));
    assert!(ekimae_24.contains("森 千尋"), "the store's own manager");

    let overview = chain.read("book/index.html");
    assert!(!overview.contains("http://") && !overview.contains("https://"));
    assert!(
        overview.contains("<script>"),
        "sorting and filtering inline"
    );
    for id in ["honcho", "ekimae", "minami"] {
        assert!(row(&overview, id).contains(&format!("href=\"stores/{id}/index.html\"")));
    }
    let ekimae = row(&overview, "ekimae");
    let honcho = row(&overview, "honcho");
    let minami = row(&overview, "minami");
    assert!(ekimae.contains("16/26（64%）"), "{ekimae}");
    assert!(honcho.contains("20/26（80%）"), "{honcho}");
    assert!(
        ekimae.contains("<td data-value=\"5\" class=\"late\">5</td>"),
        "{ekimae}"
    );
    let ledger_count = |row: &str| -> usize {
        let at = row.find("data-group=\"2.1.4 情報機器台帳\">").unwrap();
        let rest = &row[at..];
        let n = &rest[rest.find('>').unwrap() + 1..rest.find("</td>").unwrap()];
        n.parse().unwrap()
    };
    assert!(
        ledger_count(&minami) > ledger_count(&honcho),
        "minami's Windows 10 device is past end of support"
    );
}

#[test]
fn data_errors_of_all_stores_in_one_run_and_book_untouched() {
    let chain = Chain::example();
    chain.build(&[]);
    let before = tree_digest(&chain.book());
    let ekimae = "stores/ekimae/data/store.toml";
    chain.write(
        ekimae,
        &chain.read(ekimae).replace(
            "status = \"未着手\"\n\n[[measures]]\nid = \"1-5\"",
            "statu = \"未着手\"\n\n[[measures]]\nid = \"1-5\"",
        ),
    );
    let minami = "stores/minami/data/store.toml";
    chain.write(
        minami,
        &chain
            .read(minami)
            .replace("system = \"yakureki\"", "system = \"yakurek\""),
    );
    let out = chain.bcp(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("店舗 ekimae: stores/ekimae/data/store.toml:17:1"),
        "{err}"
    );
    assert!(
        err.contains("店舗 minami: stores/minami/data/store.toml:"),
        "{err}"
    );
    assert!(err.contains("yakurek"), "{err}");
    assert_eq!(tree_digest(&chain.book()), before, "book/ unchanged");

    // An error in the shared data is every store's, reported once.
    chain.write(
        "data/pharmacy.toml",
        &chain
            .read("data/pharmacy.toml")
            .replace("version = ", "versoin = "),
    );
    let err = stderr(&chain.bcp(&["build"]));
    assert_eq!(
        err.matches("共通のデータ: data/pharmacy.toml:").count(),
        1,
        "{err}"
    );
    assert_eq!(tree_digest(&chain.book()), before, "book/ unchanged");
}

#[test]
fn store_builds_one_store_and_refreshes_its_row() {
    let chain = Chain::example();
    chain.build(&[]);
    let ekimae_before = std::fs::read(chain.book().join("stores/ekimae/index.html")).unwrap();
    let honcho = "stores/honcho/data/store.toml";
    chain.write(
        honcho,
        &chain.read(honcho).replace("本町店", "本町二丁目店"),
    );
    chain.build(&["--store", "honcho"]);
    assert!(
        chain
            .read("book/stores/honcho/index.html")
            .contains("本町二丁目店")
    );
    let overview = chain.read("book/index.html");
    assert!(row(&overview, "honcho").contains("本町二丁目店"));
    assert!(
        row(&overview, "ekimae").contains("駅前店"),
        "other rows kept"
    );
    assert_eq!(
        std::fs::read(chain.book().join("stores/ekimae/index.html")).unwrap(),
        ekimae_before
    );
    let out = chain.bcp(&["build", "--store", "nowhere"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("店舗「nowhere」はありません"));
}
