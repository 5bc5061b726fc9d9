//! Spreadsheets as data: a workbook made by `bcp export` builds the same book
//! as all the TOML it came from; every table reads back the same; CSV saved by
//! Excel (Shift_JIS) or as UTF-8 and LibreOffice's .ods are read, for tables
//! by rows, items (基本情報), lines (基本方針) and the network's side-by-side
//! lists; a bad cell is named by sheet and cell.

use std::io::Write;
use std::path::Path;

use super::support::*;

/// Every HTML page of the site built under `dir`, by path.
fn pages_in(dir: &Path) -> Vec<(std::path::PathBuf, String)> {
    tree_digest(dir)
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|x| x == "html"))
        .map(|(p, bytes)| (p, String::from_utf8(bytes).unwrap()))
        .collect()
}

/// Every HTML page of the built site (`book/`), by path.
fn pages(book: &TestBook) -> Vec<(std::path::PathBuf, String)> {
    pages_in(&book.root().join("book"))
}

/// The table keys a workbook holds (its sheets, named as `bcp` reads them).
fn tables_in(path: &Path) -> Vec<&'static str> {
    use calamine::Reader;
    let book = calamine::open_workbook_auto(path).unwrap();
    book.sheet_names()
        .iter()
        .map(|name| {
            mdbook_bcp::sheets::table_named(name)
                .unwrap_or_else(|| panic!("sheet {name} names no table"))
                .key
        })
        .collect()
}

/// The TOML files of `data/`.
fn toml_files(book: &TestBook) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(book.root().join("data"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect()
}

/// Removes the top-level `tables` from every TOML file of `data/`.
fn drop_tables(book: &TestBook, tables: &[&str]) {
    for path in toml_files(book) {
        let mut doc: toml_edit::DocumentMut =
            std::fs::read_to_string(&path).unwrap().parse().unwrap();
        for table in tables {
            doc.remove(table);
        }
        std::fs::write(&path, doc.to_string()).unwrap();
    }
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Where two pages first differ, with some text around.
fn first_difference(path: &Path, a: &str, b: &str) -> String {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let at = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let around = |s: &[char]| -> String {
        s[at.saturating_sub(200)..(at + 200).min(s.len())]
            .iter()
            .collect()
    };
    format!(
        "{} differs:\nTOML:  {}\nsheet: {}",
        path.display(),
        around(&a),
        around(&b)
    )
}

fn assert_same_pages(
    before: &[(std::path::PathBuf, String)],
    after: &[(std::path::PathBuf, String)],
) {
    assert_same_pages_but(before, after, |_, _| false);
}

/// Like [`assert_same_pages`], but pieces of markup (split at `<`) that
/// `may_differ` accepts are allowed to differ.
fn assert_same_pages_but(
    before: &[(std::path::PathBuf, String)],
    after: &[(std::path::PathBuf, String)],
    may_differ: impl Fn(&str, &str) -> bool,
) {
    assert_eq!(
        before.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        after.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((path, a), (_, b)) in before.iter().zip(after) {
        if a == b {
            continue;
        }
        let (x, y): (Vec<&str>, Vec<&str>) = (a.split('<').collect(), b.split('<').collect());
        let only_allowed =
            x.len() == y.len() && x.iter().zip(&y).all(|(x, y)| x == y || may_differ(x, y));
        assert!(only_allowed, "{}", first_difference(path, a, b));
    }
}

/// Builds both editions of `book`: (template pages, plan pages).
fn both_editions(book: &TestBook) -> [Vec<(std::path::PathBuf, String)>; 2] {
    ["template", "plan"].map(|edition| {
        let dest = book.root().join(format!("site-{edition}"));
        let _ = std::fs::remove_dir_all(&dest);
        book.build(&["--edition", edition, "--dest-dir", dest.to_str().unwrap()]);
        pages_in(&dest)
    })
}

/// The whole example plan, exported and put back in place of every TOML file
/// of `data/`, builds the same site in both editions and both languages. Only
/// the places of the plan's findings differ (計画の状態 and the print page
/// list them): a TOML file's line:column becomes the workbook's sheet!cell.
#[test]
fn an_exported_workbook_in_place_of_all_the_toml_builds_the_same_book() {
    let book = TestBook::sakura();
    let before = both_editions(&book);
    let xlsx = book.root().join("plan.xlsx");
    let out = book.bcp(&["export", "--out", xlsx.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let tables = tables_in(&xlsx);
    // Every table the example's TOML holds is in the workbook.
    for path in toml_files(&book) {
        let doc: toml::Table = std::fs::read_to_string(&path).unwrap().parse().unwrap();
        for key in doc.keys() {
            assert!(
                tables.contains(&key.as_str()),
                "{key} ({}) not exported: {tables:?}",
                path.display()
            );
        }
    }
    let check_before = stdout(&book.bcp(&["check"]));
    for path in toml_files(&book) {
        std::fs::remove_file(path).unwrap();
    }
    std::fs::rename(&xlsx, book.root().join("data/plan.xlsx")).unwrap();
    let after = both_editions(&book);
    assert_same_pages(&before[0], &after[0]);
    assert_same_pages_but(&before[1], &after[1], |toml, sheet| {
        toml.starts_with("td>data/")
            && toml.contains(".toml:")
            && sheet.starts_with("td>data/plan.xlsx: ")
    });
    // The same findings, now placed at the sheet's cell: device 005 is row 6,
    // its OS column C.
    let check_after = stdout(&book.bcp(&["check"]));
    let messages = |report: &str| -> Vec<String> {
        report
            .lines()
            .map(|l| l.rsplit(": ").next().unwrap_or(l).to_string())
            .collect()
    };
    assert_eq!(messages(&check_before), messages(&check_after));
    assert!(
        check_after
            .contains("data/plan.xlsx: 情報機器台帳!C6: サポート終了: 2.1.4 情報機器台帳 005"),
        "{check_after}"
    );
}

/// Every table of the data, `labels` and `accept` too (the example has
/// neither), reads back from an exported workbook as the same records.
#[test]
fn every_table_reads_back_from_the_exported_workbook_as_the_same_records() {
    use mdbook_bcp::plan::Plan;
    let book = TestBook::sakura();
    book.write(
        "data/more.toml",
        "[labels]\npharmacy = \"薬局\"\nstaff = \"=職員\"\n\n[[accept]]\nid = \"eol:devices.005\"\nreason = \"2026年3月に入れ替え予定\"\nuntil = 2026-03-31\n",
    );
    let toml = Plan::load(book.root(), Path::new("data")).unwrap().merged;
    let exported = mdbook_bcp::export::workbook(&toml, false).unwrap();
    let json = serde_json::to_value(&toml).unwrap();
    let mut keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, v)| !(v.is_null() || v.as_array().is_some_and(Vec::is_empty)))
        .map(|(k, _)| k.as_str())
        .collect();
    let mut tables = exported.tables.clone();
    tables.sort();
    keys.sort();
    assert_eq!(tables, keys);
    for path in toml_files(&book) {
        std::fs::remove_file(path).unwrap();
    }
    std::fs::write(book.root().join("data/plan.xlsx"), &exported.bytes).unwrap();
    let sheets = Plan::load(book.root(), Path::new("data")).unwrap().merged;
    assert_eq!(json, serde_json::to_value(&sheets).unwrap());
}

/// Builds `book`, then replaces its `table` by `file` (written by `write`),
/// builds again and returns (page before, page after).
fn replaced(table: &str, page: &str, write: impl FnOnce(&TestBook)) -> (String, String) {
    let book = TestBook::sakura();
    book.build(&[]);
    let before = book.read(page);
    drop_tables(&book, &[table]);
    write(&book);
    book.build(&[]);
    (before, book.read(page))
}

#[test]
fn a_csv_saved_by_excel_in_shift_jis_with_names_for_ids() {
    // 部門連絡先 as Excel in Japan saves a CSV: CP932, CRLF; people named, not
    // by id (a full-width space in one name), one 担当者 by id.
    let csv = "部署名,担当者\r\n調剤部門,高橋 由紀\r\n販売部門,伊藤\u{3000}恵\r\n会計部門,田中 彩\r\nシステム安全管理責任者,kanri\r\nシステム最高責任者,佐倉 健一\r\n";
    let (bytes, _, bad) = encoding_rs::SHIFT_JIS.encode(csv);
    assert!(!bad);
    let (before, after) = replaced("departments", "book/ch3/3-1.html", |book| {
        std::fs::write(book.root().join("data/departments.csv"), &bytes).unwrap();
    });
    assert!(after.contains("高橋 由紀"), "{after}");
    assert_eq!(before, after);
}

/// A minimal .ods: `sheet` with `rows`; a cell is text, or a date as
/// `date:2024-11-20`.
fn ods(sheet: &str, rows: &[&[&str]]) -> Vec<u8> {
    let mut body = String::new();
    for row in rows {
        body.push_str("<table:table-row>");
        for cell in *row {
            match cell.strip_prefix("date:") {
                Some(date) => body.push_str(&format!(
                    r#"<table:table-cell office:value-type="date" office:date-value="{date}"><text:p>{date}</text:p></table:table-cell>"#
                )),
                None => body.push_str(&format!(
                    r#"<table:table-cell office:value-type="string"><text:p>{cell}</text:p></table:table-cell>"#
                )),
            }
        }
        body.push_str("</table:table-row>");
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="{sheet}">{body}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    for (name, text) in [
        ("META-INF/manifest.xml", manifest),
        ("content.xml", &content),
    ] {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn an_ods_workbook_from_libreoffice_with_a_date_cell_and_a_wareki_date() {
    let title1 = "BCP説明会と机上訓練（ランサムウェア感染を想定した初動対応・連絡体制の確認）";
    let title2 =
        "システム停止訓練（紙の調剤録・手書き薬袋による運用と外付けHDDからの復元手順の確認）";
    let bytes = ods(
        "教育体制",
        &[
            &["2.2.4 実施した教育・訓練"],
            &[],
            &["実施日", "内容", "参加者"],
            &["date:2024-11-20", title1, "全職員 7名"],
            &[
                "令和7年9月17日",
                title2,
                "薬剤師 3名・医療事務 2名・事業者 1名",
            ],
        ],
    );
    // The trainings are not printed in the plan edition; the check reads them
    // (2.2.4: at least once a year), and the health page shows its result.
    let book = TestBook::sakura();
    book.build(&[]);
    let before = (
        pages(&book),
        stdout(&book.bcp(&["check", "--format", "json"])),
    );
    drop_tables(&book, &["trainings"]);
    let without = stdout(&book.bcp(&["check", "--format", "json"]));
    assert_ne!(
        before.1, without,
        "the trainings make no difference to the check"
    );
    std::fs::write(book.root().join("data/trainings.ods"), &bytes).unwrap();
    book.build(&[]);
    assert_eq!(before.1, stdout(&book.bcp(&["check", "--format", "json"])));
    assert_same_pages(&before.0, &pages(&book));
}

/// An .xlsx written with `rows` on sheet `sheet`; numbers as numbers.
fn xlsx(sheets: &[(&str, &[&[&str]])]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                match cell.strip_prefix("num:") {
                    Some(n) => sheet.write_number(r as u32, c as u16, n.parse::<f64>().unwrap()),
                    None => sheet.write_string(r as u32, c as u16, *cell),
                }
                .unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn bad_cells_are_named_by_file_sheet_and_cell_all_in_one_run() {
    let book = TestBook::minimal("# 章\n", &[]);
    let bytes = xlsx(&[
        (
            "職員",
            &[
                &["ID", "氏名", "電話番号"],
                &["honda", "本田 美和", "090-5555-0102"],
                &["honda2", "本田 美和", "num:9055550103"],
            ],
        ),
        (
            "情報機器台帳",
            &[
                &["管理番号", "登録日", "システム", "状態"],
                &["001", "2025/13/1", "", "稼働"],
                &["002", "令和7年4月1日", "電子カルテ", "稼働"],
            ],
        ),
        (
            "部門連絡先",
            &[&["部署名", "担当者"], &["調剤部門", "本田 美和"]],
        ),
        ("メモ", &[&["これはメモ: 読まれません"]]),
        ("台帳2", &[&["管理番号"], &["001"]]),
        (
            "事前対策",
            &[&["番号", "区分", "実施すべき対策", "状況", "期限"]],
        ),
    ]);
    let err = errors_of_workbook(&book, bytes);
    for expected in [
        "data/plan.xlsx: 職員!C3: 電話番号「9055550103」が数値として入力されています",
        "data/plan.xlsx: 情報機器台帳!B2: 「2025/13/1」は日付として読めません",
        "data/plan.xlsx: 情報機器台帳!C3: 「電子カルテ」は systems の ID にも名前にもありません",
        "data/plan.xlsx: 部門連絡先!B2: 「本田 美和」という名前は people に 2 件あります（honda、honda2）",
        "data/plan.xlsx: 台帳2: シート名「台帳2」がどの表か分かりません。もしかして",
        "data/plan.xlsx: 事前対策!E1: 見出し「期限」は measures の列にありません。使える見出し: 番号、区分",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert!(err.contains("データに 6 件の誤りがあります"), "{err}");
    // The cell's value is shown under the message.
    assert!(err.contains("情報機器台帳!B2 | 2025/13/1"), "{err}");
}

#[test]
fn export_writes_text_never_formulas_with_drop_downs_dates_and_a_frozen_header() {
    use calamine::Reader;
    let book = TestBook::sakura();
    let devices = book.read("data/devices.toml");
    book.write(
        "data/devices.toml",
        &devices
            .replacen(
                "maker = \"NEC\"",
                "maker = \"=HYPERLINK(\\\"http://x\\\")\"",
                1,
            )
            .replacen("hostname = \"SKR-SV01\"", "hostname = \"@SUM(A1)\"", 1),
    );
    let xlsx = book.root().join("out.xlsx");
    let out = book.bcp(&["export", "--out", xlsx.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut workbook = calamine::open_workbook_auto(&xlsx).unwrap();
    let range = workbook.worksheet_range("情報機器台帳").unwrap();
    let values: Vec<String> = range
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert!(
        values.contains(&"=HYPERLINK(\"http://x\")".to_string()),
        "{values:?}"
    );
    assert!(values.contains(&"@SUM(A1)".to_string()), "{values:?}");
    let formulas = workbook.worksheet_formula("情報機器台帳").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "a formula was written"
    );
    // 登録日 is a date cell.
    let registered = range.rows().nth(1).unwrap()[9].clone();
    assert!(
        matches!(registered, calamine::Data::DateTime(_)),
        "{registered:?}"
    );
    // Every sheet's header row is frozen; 状況 offers the four statuses.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
    let mut validations = String::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        if !file.name().starts_with("xl/worksheets/sheet") {
            continue;
        }
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut file, &mut xml).unwrap();
        assert!(
            xml.contains("state=\"frozen\""),
            "{} not frozen",
            file.name()
        );
        validations.push_str(&xml);
    }
    assert!(
        validations.contains("\"未着手,対応中,完了,対象外\""),
        "no status drop-down"
    );
    assert!(validations.contains("\"A,B,C\""), "no priority drop-down");
}

#[test]
fn new_with_spreadsheet_starts_a_plan_whose_tables_are_in_a_workbook() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("plan");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bcp"))
        .args(["new", "--spreadsheet"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // The first step names the workbook, not a list of TOML files to fill in.
    let said = stderr(&out);
    let step = said.lines().find(|l| l.starts_with("1. ")).unwrap_or("");
    assert!(
        step.contains("data/plan.xlsx に Excel や LibreOffice で書きます"),
        "{said}"
    );
    assert!(!said.contains("次のデータファイルに書きます"), "{said}");
    let workbook = root.join("data/plan.xlsx");
    let tables = tables_in(&workbook);
    for table in [
        "people",
        "orgs",
        "systems",
        "devices",
        "measures",
        "checks",
        "trainings",
        "departments",
        "organization",
        "policies",
        "events",
        "investigations",
        "network",
        "flow",
    ] {
        assert!(tables.contains(&table), "{table} missing: {tables:?}");
    }
    // As made, with nothing filled in, it builds: a sheet of items lists
    // every item with its 内容 empty, which is no record.
    let build = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_bcp"))
            .args(["build", "--root"])
            .arg(&root)
            .output()
            .unwrap()
    };
    let out = build();
    assert!(out.status.success(), "{}", stderr(&out));
    // Filled in as a pharmacist would: the pharmacy, its owner by name, a
    // person, and a device naming her system by name.
    let bytes = xlsx(&[
        (
            "基本情報",
            &[
                &["項目", "内容"],
                &["名称", "さくら薬局"],
                &["開設者", "本田 美和"],
                &["策定日", "2025/4/1"],
            ],
        ),
        (
            "職員",
            &[
                &["ID", "氏名", "役職名"],
                &["honda", "本田 美和", "管理薬剤師"],
            ],
        ),
        (
            "情報システム",
            &[&["ID", "名称"], &["yakureki", "電子薬歴"]],
        ),
        (
            "情報機器台帳",
            &[
                &["管理番号", "メーカー", "登録日", "システム"],
                &["001", "NEC", "2025/4/1", "電子薬歴"],
            ],
        ),
    ]);
    std::fs::write(&workbook, bytes).unwrap();
    let out = build();
    assert!(out.status.success(), "{}", stderr(&out));
    let cover = std::fs::read_to_string(root.join("book/index.html")).unwrap();
    assert!(cover.contains("さくら薬局"), "{cover}");
}

/// Builds both editions of the example, replaces its `tables` by what `write`
/// puts in `data/`, builds again and asserts every page is the same.
fn same_site_with(tables: &[&str], write: impl FnOnce(&TestBook)) {
    let book = TestBook::sakura();
    let before = both_editions(&book);
    drop_tables(&book, tables);
    write(&book);
    let after = both_editions(&book);
    for (before, after) in before.iter().zip(&after) {
        assert_same_pages(before, after);
    }
}

#[test]
fn the_organization_as_items_in_a_shift_jis_csv() {
    // 基本情報 as Excel in Japan saves it: CP932, CRLF; the owner by name,
    // dates as people write them, an item left empty.
    let csv = "項目,内容\r\n名称,さくら調剤薬局 本町店\r\n所在地,〒164-0012 東京都中野区本町9-99-9 さくらビル1階\r\n電話番号,03-5555-0100\r\nメールアドレス,honcho@sakura-ph.example.jp\r\n策定日,令和6年10月1日\r\n改訂日,2025/10/1\r\n最終見直し日,2025-10-01\r\n版,1.1\r\n点検の基準日,2025/11/1\r\n開設者,佐倉 健一\r\nバックアップの書き方,\r\n";
    let (bytes, _, bad) = encoding_rs::SHIFT_JIS.encode(csv);
    assert!(!bad);
    same_site_with(&["organization"], |book| {
        std::fs::write(book.root().join("data/基本情報.csv"), &bytes).unwrap();
    });
}

#[test]
fn text_lists_in_utf8_csv_files_one_line_a_row() {
    let lines = |book: &TestBook, key: &str| -> Vec<String> {
        let doc: toml::Table = book.read("data/risks.toml").parse().unwrap();
        let doc = if doc.contains_key(key) {
            doc
        } else {
            book.read("data/response.toml").parse().unwrap()
        };
        doc[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    same_site_with(&["policies", "investigations"], |book| {
        // 基本方針 with a byte-order mark, headed by its label; 原因調査 by its key.
        let policies = lines(&TestBook::sakura(), "policies");
        let mut csv = "\u{feff}基本方針\n".to_string();
        for line in &policies {
            csv.push_str(&format!("\"{line}\"\n"));
        }
        book.write("data/基本方針.csv", &csv);
        let mut csv = "investigations\n".to_string();
        for line in lines(&TestBook::sakura(), "investigations") {
            csv.push_str(&format!("\"{}\"\n", line.replace('"', "\"\"")));
        }
        book.write("data/原因調査.csv", &csv);
    });
}

#[test]
fn the_network_in_an_ods_sheet_its_lists_side_by_side() {
    let bytes = ods(
        "ネットワーク構成図",
        &[
            &[
                "ルーター/UTM",
                "ルーターの説明",
                "回線",
                "回線の説明",
                "ネットワーク",
                "アドレス範囲",
                "ネットワークの説明",
            ],
            &[
                "UTM（SKR-UTM01）",
                "192.168.10.1",
                "インターネット（光回線）",
                "本町ネットワークサービス 1Gbps",
                "薬局LAN",
                "192.168.10.0/24",
                "有線・業務用",
            ],
            &[
                "",
                "",
                "オンライン資格確認 IP-VPN",
                "閉域網",
                "保守用VPN",
                "10.8.0.0/24",
                "事業者の接続元IPに限定",
            ],
        ],
    );
    same_site_with(&["network"], |book| {
        std::fs::write(book.root().join("data/network.ods"), &bytes).unwrap();
    });
}

#[test]
fn bad_cells_of_the_new_sheet_kinds_are_named_with_what_to_write() {
    let book = TestBook::minimal("# 章\n", &[]);
    let bytes = xlsx(&[
        (
            "基本情報",
            &[
                &["項目", "内容"],
                &["名称", "さくら薬局"],
                &["策定日", "2024/13/1"],
                &["所在値", "東京都"],
                &["名称", "もう一つ"],
            ],
        ),
        ("基本方針", &[&["方針"], &["患者を守る"]]),
        (
            "ネットワーク構成図",
            &[
                &["ルーター/UTM", "回線"],
                &["UTM", "光回線"],
                &["UTM2", "IP-VPN"],
            ],
        ),
        (
            "行動・対応の流れ",
            &[&["区分", "状況", "連絡先"], &["", "", "警察に通報"]],
        ),
        ("表記", &[&["言葉", "内容"], &["pharmacy", "薬局"]]),
    ]);
    let err = errors_of_workbook(&book, bytes);
    for expected in [
        "data/plan.xlsx: 基本情報!B3: 「2024/13/1」は日付として読めません",
        "data/plan.xlsx: 基本情報!A4: 項目「所在値」は organization にありません。もしかして「所在地」ですか？使える項目: 名称、所在地、",
        "data/plan.xlsx: 基本情報!A5: 項目「名称」は 2 行目にもあります",
        "data/plan.xlsx: 基本方針!A1: 見出し「方針」は policies の列にありません。もしかして「基本方針」ですか？使える見出し: 基本方針",
        "data/plan.xlsx: ネットワーク構成図!A3: ルーター/UTMは一つだけ書きます（2 行目に書いてあります）",
        "data/plan.xlsx: 行動・対応の流れ!A2: この行の区分がありません（最初の行には区分を書きます）",
        "data/plan.xlsx: 表記!A1: 見出し「言葉」は labels の列にありません。使える見出し: 項目、内容",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert!(err.contains("データに 7 件の誤りがあります"), "{err}");
}

/// Builds `book` with `bytes` as its data/plan.xlsx: the build fails (exit 2); its stderr.
fn errors_of_workbook(book: &TestBook, bytes: Vec<u8>) -> String {
    std::fs::create_dir_all(book.root().join("data")).unwrap();
    std::fs::write(book.root().join("data/plan.xlsx"), bytes).unwrap();
    let out = book.bcp(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    stderr(&out)
}
