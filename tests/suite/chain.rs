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

    /// Replaces `from` (which must be there) by `to` in the file `rel`.
    fn replace(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} has no {from:?}");
        std::fs::write(self.root.join(rel), text.replace(from, to)).unwrap();
    }

    fn book(&self) -> PathBuf {
        self.root.join("book")
    }
}

/// The overview's row of store `id`, as text.
fn row(overview: &str, id: &str) -> String {
    let start = overview
        .find(&format!("<tr id=\"store-{id}\""))
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
    // Findings counted by kind; what makes a store behind in red.
    assert!(
        ekimae.contains("<td data-value=\"5\" data-kind=\"期限超過\" class=\"late\">5</td>"),
        "{ekimae}"
    );
    let count = |row: &str, kind: &str| -> usize {
        let at = row.find(&format!("data-kind=\"{kind}\"")).unwrap();
        let rest = &row[at..];
        let n = &rest[rest.find('>').unwrap() + 1..rest.find("</td>").unwrap()];
        n.parse().unwrap()
    };
    assert_eq!(
        count(&honcho, "サポート終了"),
        0,
        "honcho's Windows 10 is in ESU"
    );
    assert!(
        count(&minami, "サポート終了") > 0,
        "minami's Windows 10 device is past end of support: {minami}"
    );
    assert!(
        minami.contains("data-kind=\"サポート終了\" class=\"late\""),
        "{minami}"
    );
}

#[test]
fn data_errors_of_all_stores_in_one_run_and_book_untouched() {
    let chain = Chain::example();
    chain.build(&[]);
    let before = tree_digest(&chain.book());
    let ekimae = "stores/ekimae/data/store.toml";
    chain.replace(
        ekimae,
        "status = \"未着手\"\n\n[[measures]]\nid = \"1-5\"",
        "statu = \"未着手\"\n\n[[measures]]\nid = \"1-5\"",
    );
    let minami = "stores/minami/data/store.toml";
    chain.replace(minami, "system = \"yakureki\"", "system = \"yakurek\"");
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
    chain.replace("data/pharmacy.toml", "version = ", "versoin = ");
    let err = stderr(&chain.bcp(&["build"]));
    assert_eq!(
        err.matches("共通のデータ: data/pharmacy.toml:").count(),
        1,
        "{err}"
    );
    assert_eq!(tree_digest(&chain.book()), before, "book/ unchanged");

    // Every syntax error of a store's file, as for one plan: an unquoted phone
    // number and full-width quotes, each with its own plain-worded message.
    chain.replace("data/pharmacy.toml", "versoin = ", "version = ");
    let honcho = "stores/honcho/data/store.toml";
    chain.replace(honcho, "phone = \"03-5555-0100\"", "phone = 03-5555-0100");
    chain.replace(
        honcho,
        "email = \"honcho@sakura-ph.example.jp\"",
        "email = “honcho@sakura-ph.example.jp”",
    );
    let err = stderr(&chain.bcp(&["build"]));
    assert!(
        err.contains("店舗 honcho: stores/honcho/data/store.toml:5:"),
        "{err}"
    );
    assert!(
        err.contains("店舗 honcho: stores/honcho/data/store.toml:6:"),
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
    chain.replace(honcho, "本町店", "本町二丁目店");
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

#[test]
fn static_files_are_written_once_and_pages_point_there() {
    let chain = Chain::example();
    chain.build(&[]);
    let stores = chain.book().join("stores");
    assert!(
        stores.join("_assets/book-609e4cb8.js").is_file() || {
            // The hashed name follows mdBook's book.js: any book-*.js will do.
            std::fs::read_dir(stores.join("_assets")).unwrap().any(|e| {
                e.unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with("book-")
            })
        }
    );
    for id in ["honcho", "ekimae", "minami"] {
        let store = stores.join(id);
        assert!(!store.join("css").exists(), "{id}: no css/ of its own");
        assert!(!store.join("fonts").exists(), "{id}: no fonts/ of its own");
        assert!(
            store.join("bcp-searchindex.js").is_file(),
            "{id}: its own index"
        );
        let page = chain.read(&format!("book/stores/{id}/ch1/1-1.html"));
        assert!(page.contains("href=\"../../_assets/css/"), "{id}");
        assert!(!page.contains("<template"), "{id}: icon templates shared");
        assert!(page.contains("const path_to_root = \"../\";"), "{id}");
        let top = chain.read(&format!("book/stores/{id}/index.html"));
        assert!(top.contains("src=\"../_assets/toc-"), "{id}");
    }
    // Nothing points outside book/: every relative reference resolves.
    for entry in walkdir::WalkDir::new(chain.book()) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|x| x != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        for attr in ["href=\"", "src=\""] {
            for part in html.split(attr).skip(1) {
                let target = &part[..part.find('"').unwrap()];
                if target.contains(':') || target.starts_with('#') || target.is_empty() {
                    continue;
                }
                let target = target.split(['#', '?']).next().unwrap();
                let resolved = entry.path().parent().unwrap().join(target);
                assert!(
                    resolved.exists(),
                    "{}: {target} is missing",
                    entry.path().display()
                );
            }
        }
    }
}

#[test]
fn a_list_of_stores_beside_folders_and_a_spreadsheet_in_a_stores_data() {
    let chain = Chain::example();
    // CP932, as Excel in Japan saves "CSV"; honcho is in both: its folder wins.
    let list = "店舗ID,店舗名,所在地,電話番号,管理者,管理者の電話番号\r\n\
                kita,さくら調剤薬局 北口店,〒164-0002 東京都中野区上高田9-9,03-5555-0400,北 一郎,03-5555-0401\r\n\
                honcho,一覧の本町店,,,,\r\n";
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(list);
    std::fs::write(chain.root.join("stores.csv"), &bytes).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("情報機器台帳").unwrap();
    let rows: [&[&str]; 2] = [
        &[
            "管理番号",
            "メーカー",
            "OS",
            "ソフトウェア",
            "ソフトウェアバージョン",
            "IPアドレス",
            "コンピュータ名",
            "設置場所",
            "主な利用者属性",
            "登録日",
            "状態",
        ],
        &[
            "K01",
            "NEC",
            "Windows 11 Pro 24H2",
            "薬歴",
            "1.0",
            "192.168.40.11",
            "SKR-K-YK01",
            "調剤室",
            "薬剤師",
            "2024/4/1",
            "稼働",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    let dir = chain.root.join("stores/kita/data");
    std::fs::create_dir_all(&dir).unwrap();
    book.save(dir.join("devices.xlsx")).unwrap();
    chain.build(&[]);

    let kita = chain.read("book/stores/kita/index.html");
    assert!(kita.contains("さくら調剤薬局 北口店"), "the row's name");
    let staff = html_text(&chain.read("book/stores/kita/ch2/2-2.html"))
        + &html_text(&chain.read("book/stores/kita/appendix/1.html"));
    assert!(staff.contains("北 一郎"), "the manager from the row");
    assert!(
        chain
            .read("book/stores/kita/ch2/2-1.html")
            .contains("SKR-K-YK01"),
        "the store's own ledger from its workbook"
    );
    let honcho = chain.read("book/stores/honcho/index.html");
    assert!(honcho.contains("さくら調剤薬局 本町店") && !honcho.contains("一覧の本町店"));
    assert!(row(&chain.read("book/index.html"), "kita").contains("北口店"));

    // A wrong cell of the list: its file and cell, nothing written.
    let before = tree_digest(&chain.book());
    let list = "id,名称,開設者\nkita,北口店,だれか\n";
    std::fs::write(chain.root.join("stores.csv"), list).unwrap();
    let out = chain.bcp(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("stores.csv: C2"), "{err}");
    assert!(err.contains("だれか"), "{err}");
    assert_eq!(tree_digest(&chain.book()), before, "book/ unchanged");
}

#[test]
fn keep_going_builds_the_others_and_the_overview_shows_the_failed() {
    let chain = Chain::example();
    let ekimae = "stores/ekimae/data/store.toml";
    chain.replace(
        ekimae,
        "status = \"未着手\"\n\n[[measures]]\nid = \"1-5\"",
        "<statu> = \"未着手\"\n\n[[measures]]\nid = \"1-5\"",
    );
    let out = chain.bcp(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--keep-going"), "{}", stderr(&out));
    assert!(
        !chain.book().exists(),
        "nothing written without --keep-going"
    );

    let out = chain.bcp(&["build", "--keep-going"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a failed store is still an error"
    );
    let err = stderr(&out);
    assert!(err.contains("1 店舗の計画は作れませんでした"), "{err}");
    assert!(
        err.contains("店舗 ekimae: stores/ekimae/data/store.toml:17"),
        "{err}"
    );
    assert!(chain.book().join("stores/honcho/index.html").is_file());
    assert!(chain.book().join("stores/minami/index.html").is_file());
    assert!(!chain.book().join("stores/ekimae").exists());
    let overview = chain.read("book/index.html");
    let failed = row(&overview, "ekimae");
    assert!(failed.contains("class=\"failed\""), "{failed}");
    assert!(failed.contains("計画を作れませんでした"), "{failed}");
    assert!(
        failed.contains("stores/ekimae/data/store.toml:17"),
        "{failed}"
    );
    assert!(
        !failed.contains("href="),
        "no link to a plan that is not there"
    );
    assert!(!overview.contains("<statu>"), "the error is escaped");
    assert!(overview.contains("うち 1 店舗は計画を作れませんでした"));
}

#[test]
fn a_rebuild_writes_only_the_changed_store_and_the_overview() {
    let chain = Chain::example();
    chain.build(&[]);
    let stamps = |dir: &str| -> Vec<(PathBuf, std::time::SystemTime)> {
        walkdir::WalkDir::new(chain.book().join(dir))
            .sort_by_file_name()
            .into_iter()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.path().to_path_buf(),
                    e.metadata().unwrap().modified().unwrap(),
                )
            })
            .collect()
    };
    let (ekimae, minami, assets) = (
        stamps("stores/ekimae"),
        stamps("stores/minami"),
        stamps("stores/_assets"),
    );
    let out = chain.bcp(&["build"]);
    assert!(
        stderr(&out).contains("0 店舗の計画を作り（変わっていない 3 店舗"),
        "{}",
        stderr(&out)
    );
    let honcho = "stores/honcho/data/store.toml";
    chain.replace(honcho, "本町店", "本町三丁目店");
    let out = chain.bcp(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1 店舗の計画を作り（変わっていない 2 店舗"),
        "{}",
        stderr(&out)
    );
    assert!(
        chain
            .read("book/stores/honcho/index.html")
            .contains("本町三丁目店")
    );
    assert!(row(&chain.read("book/index.html"), "honcho").contains("本町三丁目店"));
    assert_eq!(stamps("stores/ekimae"), ekimae, "ekimae not written");
    assert_eq!(stamps("stores/minami"), minami, "minami not written");
    assert_eq!(
        stamps("stores/_assets"),
        assets,
        "the shared files not written"
    );

    // A store that left the chain leaves the book.
    std::fs::remove_dir_all(chain.root.join("stores/minami")).unwrap();
    chain.build(&[]);
    assert!(!chain.book().join("stores/minami").exists());
    assert!(!chain.read("book/index.html").contains("store-minami"));
}

#[test]
fn check_on_a_chain_reports_per_store_with_a_summary() {
    let chain = Chain::example();
    let out = chain.bcp(&["check"]);
    assert_eq!(out.status.code(), Some(1), "findings: 1");
    let text = String::from_utf8(out.stdout).unwrap();
    for id in ["ekimae", "honcho", "minami"] {
        assert!(
            text.contains(&format!("━━ 店舗 {id}（さくら調剤薬局 ")),
            "{text}"
        );
    }
    assert!(text.contains("■ 店舗ごとのまとめ（3店舗）"), "{text}");
    assert!(text.contains("ekimae  さくら調剤薬局 駅前店"), "{text}");
    // A finding about a store's own value names the store's file.
    assert!(
        text.contains("stores/minami/data/store.toml:") && text.contains("サポート終了"),
        "{text}"
    );
    assert!(!text.contains("(merged)"), "{text}");

    let out = chain.bcp(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["clean"], false);
    let stores = json["stores"].as_array().unwrap();
    let ids: Vec<&str> = stores.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["ekimae", "honcho", "minami"]);
    let minami = &stores[2];
    assert_eq!(minami["name"], "さくら調剤薬局 南口店");
    assert!(minami["counts"]["warning"].as_u64().unwrap() > 0);
    assert!(
        minami["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["file"] == "stores/minami/data/store.toml")
    );

    // A data error in one store: exit 2, that store's report holds it.
    let minami_file = "stores/minami/data/store.toml";
    chain.replace(minami_file, "system = \"yakureki\"", "system = \"yakurek\"");
    let out = chain.bcp(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["stores"][2]["counts"]["error"], 1);
    assert_eq!(json["stores"][0]["counts"]["error"], 0);
}

#[test]
fn the_overview_sorts_and_filters_in_a_browser_and_works_when_copied() {
    let test = "the_overview_sorts_and_filters_in_a_browser_and_works_when_copied";
    let chain = Chain::example();
    chain.build(&[]);
    // As on a USB stick: the whole book/ copied elsewhere.
    let stick = tempfile::tempdir().unwrap();
    copy(&chain.book(), &stick.path().join("book"));
    let book = stick.path().join("book");
    let Some(mut chrome) = super::search::browser::browser(test) else {
        return;
    };
    chrome
        .navigate(&bcp_browser::file_url(&book.join("index.html")))
        .unwrap();
    let ids =
        "[...document.querySelectorAll('#stores tbody tr')].filter(r => !r.hidden).map(r => r.id)";
    let order = |chrome: &mut bcp_browser::Browser| chrome.evaluate(ids).unwrap();
    assert_eq!(
        order(&mut chrome),
        serde_json::json!(["store-ekimae", "store-honcho", "store-minami"])
    );
    // Click 2.4's heading: ascending progress (駅前店 64% first), again: descending.
    let click = "document.querySelectorAll('#stores th')[2].click()";
    chrome.evaluate(click).unwrap();
    assert_eq!(order(&mut chrome)[0], "store-ekimae");
    assert_eq!(
        chrome
            .evaluate("document.querySelectorAll('#stores th')[2].getAttribute('aria-sort')")
            .unwrap(),
        "ascending"
    );
    chrome.evaluate(click).unwrap();
    assert_eq!(order(&mut chrome)[2], "store-ekimae");
    // Type in the filter.
    chrome
        .evaluate("document.getElementById('filter').focus()")
        .unwrap();
    chrome.insert_text("南口").unwrap();
    assert_eq!(order(&mut chrome), serde_json::json!(["store-minami"]));

    // A store's page from the copy: shared styles, scripts and icons load.
    chrome
        .navigate(&bcp_browser::file_url(
            &book.join("stores/honcho/ch1/1-1.html"),
        ))
        .unwrap();
    let state = chrome
        .evaluate(
            "({links: document.querySelectorAll('#mdbook-sidebar a').length,
               sheets: [...document.querySelectorAll('link[rel=stylesheet]')].filter(l => !l.disabled && l.sheet === null).map(l => l.href),
               js: document.documentElement.classList.contains('js'),
               icons: document.getElementById('fa-copy') !== null,
               search: typeof window.bcpSearchCore})",
        )
        .unwrap();
    assert!(state["links"].as_u64().unwrap() > 10, "{state}");
    assert_eq!(state["sheets"], serde_json::json!([]), "{state}");
    assert_eq!(state["js"], true, "{state}");
    assert_eq!(state["icons"], true, "{state}");
    assert_ne!(state["search"], "undefined", "{state}");
    assert!(chrome.errors().is_empty(), "{:?}", chrome.errors());
}

#[test]
fn pdfs_of_every_store_through_one_browser() {
    let test = "pdfs_of_every_store_through_one_browser";
    if super::search::browser::chromium(test).is_none() {
        return;
    }
    let chain = Chain::example();
    chain.build(&["--pdf"]);
    for id in ["honcho", "ekimae", "minami"] {
        for name in ["print", "handout", "poster"] {
            let pdf = std::fs::read(chain.book().join(format!("stores/{id}/{name}.pdf"))).unwrap();
            assert!(pdf.starts_with(b"%PDF-"), "{id}/{name}.pdf");
        }
    }
    // Each store's binder copy names its own store.
    let text =
        |id: &str| std::fs::read(chain.book().join(format!("stores/{id}/print.pdf"))).unwrap();
    assert_ne!(text("honcho"), text("ekimae"));
}

#[test]
fn findings_name_the_real_files_and_two_builds_are_identical() {
    let chain = Chain::example();
    let dirs = [chain.root.join("book-a"), chain.root.join("book-b")];
    for dir in &dirs {
        let out = chain.bcp(&["build", "--dest-dir", dir.to_str().unwrap()]);
        assert!(out.status.success(), "build failed:\n{}", stderr(&out));
    }
    let diff = Command::new("diff").arg("-r").args(&dirs).output().unwrap();
    assert!(
        diff.status.success(),
        "two builds differ:\n{}",
        String::from_utf8_lossy(&diff.stdout)
    );
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&dirs[0]) {
        let path = entry.unwrap().into_path();
        if path
            .extension()
            .is_some_and(|x| x == "html" || x == "js" || x == "json")
        {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                !text.contains(".bcp-chain-data") && !text.contains("data (merged)"),
                "{} names a temporary file",
                path.display()
            );
            pages += 1;
        }
    }
    assert!(pages > 50, "{pages} pages");
    // The store's findings at its own file, the shared ones at the shared
    // file, as `bcp check` says.
    let status = std::fs::read_to_string(dirs[0].join("stores/ekimae/status.html")).unwrap();
    assert!(
        status.contains("<td>stores/ekimae/data/store.toml:17:10</td>"),
        "{status}"
    );
    assert!(status.contains("<td>data/measures.toml:"), "{status}");
    let check = String::from_utf8_lossy(&chain.bcp(&["check"]).stdout).into_owned();
    assert!(
        check.contains("stores/ekimae/data/store.toml:17:10"),
        "{check}"
    );
}
