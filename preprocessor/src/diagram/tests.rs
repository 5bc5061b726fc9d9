//! Tests of the three diagrams with a realistic pharmacy and the blank
//! template: no overlap (read back from the SVG), a grown name, same bytes,
//! escaping, ids, text equivalents, snapshots.

use super::check::{assert_clean, svg_texts, view_box};
use super::*;

fn opts(prefix: &str) -> Options {
    Options::new(prefix, "図")
}

fn org_node(id: &str, title: &str, lines: &[&str], parent: Option<&str>) -> OrgNode {
    OrgNode {
        id: id.into(),
        title: title.into(),
        lines: lines.iter().map(|s| s.to_string()).collect(),
        parent: parent.map(String::from),
        kind: NodeKind::Internal,
        state: NodeState::Filled,
    }
}

fn vendor(id: &str, title: &str, lines: &[&str], serves: &str) -> OrgNode {
    OrgNode {
        kind: NodeKind::Outside,
        ..org_node(id, title, lines, Some(serves))
    }
}

/// A pharmacy: the owner, 6 roles held by 8 people, 4 vendors.
fn pharmacy_org() -> Vec<OrgNode> {
    vec![
        org_node("owner", "開設者", &["代表取締役 桜井 一郎"], None),
        org_node(
            "manager",
            "管理者（管理薬剤師）",
            &["薬局長 山田 花子"],
            Some("owner"),
        ),
        org_node(
            "security",
            "医療情報システム安全管理責任者",
            &["薬剤師 佐藤 次郎"],
            Some("manager"),
        ),
        org_node(
            "bcp",
            "BCP作成責任者",
            &["薬局長 山田 花子"],
            Some("manager"),
        ),
        org_node(
            "planning",
            "企画管理者",
            &["事務長 鈴木 三郎", "薬剤師 高橋 四郎"],
            Some("security"),
        ),
        org_node(
            "ops",
            "システム運用担当者",
            &["事務 田中 五月"],
            Some("security"),
        ),
        org_node(
            "staff",
            "部門担当者",
            &["薬剤師 伊藤 六子", "事務 渡辺 七海", "事務 中村 八重"],
            Some("security"),
        ),
        vendor(
            "v-rececon",
            "株式会社レセコンサービス",
            &["サポート部 木村", "電話 0120-111-222"],
            "ops",
        ),
        vendor(
            "v-yakureki",
            "電子薬歴ベンダー",
            &["保守窓口", "電話 03-1234-5678"],
            "ops",
        ),
        vendor(
            "v-net",
            "地域ネット工事店",
            &["電話 045-222-3333"],
            "security",
        ),
        vendor(
            "v-onshi",
            "オンライン資格確認 導入業者",
            &["電話 050-3333-4444"],
            "planning",
        ),
    ]
}

/// The blank template: the same roles, every holder missing.
fn blank_org() -> Vec<OrgNode> {
    pharmacy_org()
        .into_iter()
        .map(|mut n| {
            n.lines = vec!["〇〇 〇〇".into()];
            n.state = NodeState::Missing;
            n
        })
        .collect()
}

fn person(title: &str, name: &str, phone: &str) -> ContactBox {
    ContactBox {
        title: title.into(),
        name: Some(name.into()),
        phone: Some(phone.into()),
        deputy: None,
        state: NodeState::Filled,
    }
}

fn pharmacy_contacts() -> Vec<ContactStep> {
    vec![
        ContactStep {
            person: ContactBox {
                title: "発見者".into(),
                name: Some("全従業員".into()),
                ..ContactBox::default()
            },
            ..ContactStep::default()
        },
        ContactStep {
            person: ContactBox {
                deputy: Some(Deputy {
                    name: "鈴木 三郎".into(),
                    phone: "090-2222-3333".into(),
                }),
                ..person(
                    "医療情報システム安全管理責任者",
                    "佐藤 次郎",
                    "090-1111-2222",
                )
            },
            vendors: vec![
                person("レセコン", "株式会社レセコンサービス", "0120-111-222"),
                person("電子薬歴", "電子薬歴ベンダー 保守窓口", "03-1234-5678"),
                person("ネットワーク", "地域ネット工事店", "045-222-3333"),
                person("オンライン資格確認", "導入業者", "050-3333-4444"),
            ],
            outside: Vec::new(),
        },
        ContactStep {
            person: person("開設者", "桜井 一郎", "090-9999-0000"),
            vendors: Vec::new(),
            outside: vec![
                person("警察", "サイバー犯罪相談窓口", "03-5555-0110"),
                person("厚生労働省", "医政局 特別対策室", "03-5253-1111"),
                person("個人情報保護委員会", "漏えい等報告", "03-6457-9849"),
                person("東京都薬剤師会", "事務局", "03-3294-0271"),
            ],
        },
    ]
}

fn blank_contacts() -> Vec<ContactStep> {
    let blank = |b: &ContactBox| ContactBox {
        title: b.title.clone(),
        name: b.name.as_ref().map(|_| String::new()),
        phone: b.phone.as_ref().map(|_| String::new()),
        deputy: b.deputy.as_ref().map(|_| Deputy::default()),
        state: NodeState::Missing,
    };
    pharmacy_contacts()
        .iter()
        .map(|s| ContactStep {
            person: blank(&s.person),
            vendors: s.vendors.iter().map(blank).collect(),
            outside: s.outside.iter().map(blank).collect(),
        })
        .collect()
}

fn device(number: &str, name: &str, ip: &str, segment: Option<&str>) -> Device {
    Device {
        number: number.into(),
        name: name.into(),
        ip: Some(ip.into()),
        segment: segment.map(String::from),
        state: NodeState::Filled,
    }
}

/// Two lines, a UTM, 3 segments and 12 devices (2 of no segment).
fn pharmacy_network() -> NetworkInput {
    let seg = |name: &str, range: &str| Segment {
        name: name.into(),
        range: Some(range.into()),
        note: None,
        state: NodeState::Filled,
    };
    NetworkInput {
        lines: vec![
            NetBox {
                title: "インターネット".into(),
                lines: vec!["光回線 1Gbps".into()],
                state: NodeState::Filled,
            },
            NetBox {
                title: "オンライン資格確認 回線".into(),
                lines: vec!["IP-VPN".into()],
                state: NodeState::Filled,
            },
        ],
        gateway: Some(NetBox {
            title: "UTM".into(),
            lines: vec!["FG-40F 192.168.1.1".into()],
            state: NodeState::Filled,
        }),
        segments: vec![
            seg("職員LAN", "192.168.1.0/24"),
            seg("Wi-Fi（来局者用）", "192.168.20.0/24"),
            seg("保守用VPN", "10.8.0.0/24"),
        ],
        devices: vec![
            device("PC-01", "受付PC (UKETSUKE-01)", "192.168.1.10", None),
            device("PC-02", "調剤室PC", "192.168.1.11", None),
            device("PC-03", "薬歴PC", "192.168.1.12", None),
            device("SV-01", "レセコンサーバ", "192.168.1.2", None),
            device("PR-01", "薬袋プリンタ", "192.168.1.50", None),
            device("MC-01", "分包機", "192.168.1.60", None),
            device("TB-01", "服薬指導タブレット", "192.168.20.5", None),
            device("TB-02", "電子お薬手帳端末", "192.168.20.6", None),
            device("VP-01", "保守用ルータ", "10.8.0.1", None),
            device("OQ-01", "資格確認端末", "", Some("保守用VPN")),
            device("PC-09", "持込PC", "172.16.0.9", None),
            device("NAS-01", "バックアップNAS", "DHCP", None),
        ],
    }
}

fn blank_network() -> NetworkInput {
    NetworkInput {
        lines: Vec::new(),
        gateway: None,
        segments: vec![Segment {
            name: "〇〇LAN".into(),
            range: None,
            note: None,
            state: NodeState::Missing,
        }],
        devices: vec![Device {
            number: "〇〇".into(),
            name: "〇〇".into(),
            ip: None,
            segment: None,
            state: NodeState::Missing,
        }],
    }
}

fn all_realistic() -> Vec<Diagram> {
    vec![
        org_chart(&pharmacy_org(), &opts("org")),
        contact_chart(&pharmacy_contacts(), &opts("contact")),
        network(&pharmacy_network(), &opts("net")),
    ]
}

#[test]
fn realistic_diagrams_have_no_overlap_and_fit_a4() {
    for d in all_realistic() {
        assert_clean(&d);
        assert!(d.size.0 <= 1000, "too wide: {:?}", d.size);
        assert!(d.boxes.len() >= 8);
    }
    let d = org_chart(&pharmacy_org(), &opts("org"));
    assert_eq!(d.boxes.len(), 11);
    let d = contact_chart(&pharmacy_contacts(), &opts("c"));
    assert_eq!(d.boxes.len(), 11);
    let d = network(&pharmacy_network(), &opts("n"));
    assert_eq!(d.boxes.len(), 2 + 1 + 12);
    assert_eq!(d.frames.len(), 4, "3 segments and 所属不明");
}

#[test]
fn blank_template_diagrams_have_no_overlap_and_show_missing() {
    let diagrams = [
        org_chart(&blank_org(), &opts("org")),
        contact_chart(&blank_contacts(), &opts("contact")),
        network(&blank_network(), &opts("net")),
    ];
    for d in &diagrams {
        assert_clean(d);
        assert!(d.svg.contains("未記入"));
        assert!(
            d.svg.contains(r#"stroke-dasharray="2 3""#),
            "missing is dotted"
        );
    }
    assert!(diagrams[2].svg.contains("所属不明（未記入）"));
    // Nothing at all still gives a valid, empty diagram.
    for d in [org_chart(&[], &opts("e")), contact_chart(&[], &opts("e"))] {
        assert_clean(&d);
        assert!(d.boxes.is_empty());
    }
}

#[test]
fn narrow_layouts_wrap_rows_without_overlap() {
    for max_width in [360, 500, 700] {
        let o = Options {
            max_width,
            ..opts("n")
        };
        let org = org_chart(&pharmacy_org(), &o);
        assert_clean(&org);
        // Only the org chart's widest unit (a role with its vendors, three
        // levels deep) may be wider than asked.
        let unit = 2 * MARGIN + 2 * super::BOX_W + HGAP + 3 * super::TRUNK;
        assert!(
            org.size.0 <= max_width.max(unit),
            "{max_width}: {:?}",
            org.size
        );
        // The contact chart's boxes and the network's lines narrow to fit a
        // phone's 360 px (issue 16).
        for d in [
            contact_chart(&pharmacy_contacts(), &o),
            network(&pharmacy_network(), &o),
        ] {
            assert_clean(&d);
            assert!(d.size.0 <= max_width, "{max_width}: {:?}", d.size);
        }
    }
    // Many siblings wrap into rows instead of widening the page.
    let mut nodes = vec![org_node("owner", "開設者", &[], None)];
    for i in 0..10 {
        nodes.push(org_node(
            &format!("r{i}"),
            "部門担当者",
            &["事務 氏名"],
            Some("owner"),
        ));
    }
    let d = org_chart(&nodes, &opts("wide"));
    assert_clean(&d);
    assert!(d.size.0 <= DEFAULT_MAX_WIDTH);
}

/// What may move when one text grows: no box moves sideways or changes
/// width; a box moves only if its top was below the grown box's top, and
/// then only down. The grown box keeps its place and only gets taller.
fn assert_stable(before: &Diagram, after: &Diagram, grown: usize) {
    assert_clean(after);
    assert_eq!(before.boxes.len(), after.boxes.len());
    let g = before.boxes[grown];
    let h = after.boxes[grown];
    assert_eq!((g.x, g.y, g.w), (h.x, h.y, h.w));
    assert!(h.h > g.h, "the grown box should be taller");
    for (i, (a, b)) in before.boxes.iter().zip(&after.boxes).enumerate() {
        assert_eq!((a.x, a.w), (b.x, b.w), "box {i} moved sideways");
        if a.y <= g.y {
            assert_eq!(a.y, b.y, "box {i} above or beside the grown box moved");
        } else {
            assert!(b.y >= a.y, "box {i} moved up");
        }
    }
}

fn triple(text: &str) -> String {
    text.repeat(3)
}

#[test]
fn org_stays_in_place_when_a_name_grows() {
    let before = org_chart(&pharmacy_org(), &opts("o"));
    let mut nodes = pharmacy_org();
    let ops = nodes.iter().position(|n| n.id == "ops").expect("ops");
    nodes[ops].lines[0] = triple("事務 田中 五月");
    let after = org_chart(&nodes, &opts("o"));
    let grown = before
        .boxes
        .iter()
        .position(|r| {
            svg_texts(&before.svg)
                .iter()
                .any(|(t, tr)| t == "事務 田中 五月" && r.contains(tr))
        })
        .expect("box of 田中");
    assert_stable(&before, &after, grown);
    // The sibling branches (企画管理者 to the left, 部門担当者 to the right)
    // and every box above keep their places exactly.
    let moved = before
        .boxes
        .iter()
        .zip(&after.boxes)
        .filter(|(a, b)| a != b)
        .count();
    assert!(
        moved <= 3,
        "only the grown box and its vendors may change: {moved}"
    );
}

#[test]
fn contact_stays_in_place_when_a_name_grows() {
    let before = contact_chart(&pharmacy_contacts(), &opts("c"));
    let mut steps = pharmacy_contacts();
    steps[1].vendors[1].name = Some(triple("電子薬歴ベンダー 保守窓口"));
    let after = contact_chart(&steps, &opts("c"));
    // Box 0 is 発見者, 1 the 責任者, 2.. its vendors.
    assert_stable(&before, &after, 3);
    assert_eq!(before.boxes[..3], after.boxes[..3]);
    assert_eq!(before.boxes[4], after.boxes[4], "same row, other column");
    // The 4th vendor is in the next row: it moves down, and so does the owner.
    assert!(after.boxes[5].y > before.boxes[5].y);
}

#[test]
fn network_stays_in_place_when_a_name_grows() {
    let before = network(&pharmacy_network(), &opts("n"));
    let mut input = pharmacy_network();
    input.devices[1].name = triple("調剤室PC（ベンダー貸与）");
    let after = network(&input, &opts("n"));
    // Boxes: 2 lines, the UTM, then 職員LAN's devices (PC-02 is the 2nd).
    assert_stable(&before, &after, 4);
    let other_columns = |d: &Diagram| d.frames[1..3].to_vec();
    assert_eq!(other_columns(&before), other_columns(&after));
    assert_eq!(
        before.boxes[9..12],
        after.boxes[9..12],
        "Wi-Fi and VPN devices"
    );
}

#[test]
fn same_input_same_bytes() {
    let a = all_realistic();
    let b = all_realistic();
    for (a, b) in a.iter().zip(&b) {
        assert_eq!(a.svg, b.svg);
        assert_eq!(a.relations, b.relations);
    }
    // Integers only, apart from the fixed stroke width.
    for d in &a {
        let stripped = d.svg.replace(r#"stroke-width="1.5""#, "");
        assert!(!stripped.contains(".5\""), "a fraction in {}", d.svg);
    }
}

#[test]
fn svg_is_inlineable_accessible_and_printable() {
    for d in all_realistic() {
        let svg = &d.svg;
        let (w, h) = view_box(svg);
        assert!(svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg""#));
        assert!(svg.contains(&format!(r#"viewBox="0 0 {w} {h}""#)));
        assert!(svg.contains(&format!(
            r#"width="100%" style="max-width: {w}px; height: auto""#
        )));
        assert!(svg.contains(r#"role="img""#));
        let id = svg
            .split(r#" id=""#)
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("id");
        assert!(svg.contains(&format!(r#"aria-labelledby="{id}-title {id}-desc""#)));
        assert!(svg.contains(&format!(r#"<title id="{id}-title">図</title>"#)));
        assert!(svg.contains(&format!(r#"<desc id="{id}-desc">"#)));
        assert!(svg.contains(r#"font-family="'BIZ UDPGothic', 'Noto Sans CJK JP', sans-serif""#));
        assert!(!svg.contains("fill=\"#000\" stroke") && !svg.contains("<script"));
        assert!(svg.ends_with("</svg>\n"));
    }
    let d = contact_chart(&pharmacy_contacts(), &opts("c"));
    assert!(d.svg.contains(r#"<marker id="c-arrow""#));
    assert!(d.svg.contains(r#"marker-end="url(#c-arrow)""#));
    // Outside parties are dashed.
    assert!(d.svg.contains(r#"stroke-dasharray="6 4""#));
    // Names are real text.
    assert!(d.svg.contains(">佐藤 次郎</text>"));
    assert!(d.svg.contains(">電話 090-1111-2222</text>"));
}

#[test]
fn hostile_text_is_escaped_everywhere() {
    let evil = r#"<script>&"'"#;
    let mut nodes = pharmacy_org();
    nodes[0].lines = vec![evil.into()];
    let mut steps = pharmacy_contacts();
    steps[2].person.name = Some(evil.into());
    let mut net = pharmacy_network();
    net.devices[0].name = evil.into();
    let mut o = opts("x");
    o.title = evil.into();
    for d in [
        org_chart(&nodes, &o),
        contact_chart(&steps, &o),
        network(&net, &o),
    ] {
        assert!(!d.svg.contains("<script"), "{}", d.svg);
        assert!(d.svg.contains("&lt;script&gt;&amp;&quot;&#39;"));
        assert!(d.text_html().contains("&lt;script&gt;&amp;&quot;&#39;"));
        assert!(!d.text_html().contains("<script"));
        assert_clean(&d);
    }
}

#[test]
fn id_prefixes_keep_two_diagrams_apart() {
    let ids = |svg: &str| -> Vec<String> {
        svg.split(r#" id=""#)
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .map(String::from)
            .collect()
    };
    let a = contact_chart(&pharmacy_contacts(), &opts("contact-a"));
    let b = contact_chart(&pharmacy_contacts(), &opts("contact b"));
    let (ia, ib) = (ids(&a.svg), ids(&b.svg));
    assert_eq!(
        ia,
        [
            "contact-a",
            "contact-a-title",
            "contact-a-desc",
            "contact-a-arrow"
        ]
    );
    assert!(ia.iter().all(|i| !ib.contains(i)), "{ia:?} {ib:?}");
    assert!(b.svg.contains("url(#contact-b-arrow)"));
}

#[test]
fn text_equivalents_hold_the_relations() {
    let d = contact_chart(&pharmacy_contacts(), &opts("c"));
    let text: Vec<String> = d.relations.iter().map(Relation::to_text).collect();
    assert_eq!(
        text[0],
        "① 発見者 全従業員 → 医療情報システム安全管理責任者 佐藤 次郎（電話 090-1111-2222、不在時: 代理 鈴木 三郎 電話 090-2222-3333）"
    );
    assert_eq!(
        text[1],
        "② 医療情報システム安全管理責任者 佐藤 次郎 → 開設者 桜井 一郎（電話 090-9999-0000）"
    );
    assert!(text[2].starts_with("③ 医療情報システム安全管理責任者 佐藤 次郎 → レセコン 株式会社レセコンサービス（電話 0120-111-222）"));
    assert!(text.iter().any(|t| {
        t.starts_with("④ 開設者 桜井 一郎 → 警察 サイバー犯罪相談窓口（電話 03-5555-0110）")
    }));
    assert_eq!(text.len(), 2 + 4 + 4);
    // The numbers drawn are the numbers listed.
    for n in ["①", "②", "③", "④"] {
        assert!(d.svg.contains(&format!(">{n}</text>")));
    }
    assert!(!d.svg.contains(">⑤</text>"));

    let d = org_chart(&pharmacy_org(), &opts("o"));
    let text: Vec<String> = d.relations.iter().map(Relation::to_text).collect();
    assert_eq!(
        text[0],
        "開設者 代表取締役 桜井 一郎 → 管理者（管理薬剤師） 薬局長 山田 花子"
    );
    assert!(text.contains(&"システム運用担当者 事務 田中 五月 → 株式会社レセコンサービス サポート部 木村 電話 0120-111-222（外部委託先）".to_string()));
    assert_eq!(d.relations.len(), nodes_with_parent(&pharmacy_org()));
    assert!(
        d.text_html()
            .starts_with("<ul class=\"bcp-diagram-text\">\n<li>開設者")
    );

    let d = network(&pharmacy_network(), &opts("n"));
    let text: Vec<String> = d.relations.iter().map(Relation::to_text).collect();
    assert!(text.contains(&"UTM → 職員LAN（192.168.1.0/24）".to_string()));
    assert!(text.contains(&"職員LAN → PC-01 受付PC (UKETSUKE-01)（192.168.1.10）".to_string()));
    assert!(text.contains(&"保守用VPN → OQ-01 資格確認端末（IP 未記入）".to_string()));
    assert!(text.contains(&"所属不明 → PC-09 持込PC（172.16.0.9）".to_string()));
    assert!(text.contains(&"所属不明 → NAS-01 バックアップNAS（DHCP）".to_string()));
}

fn nodes_with_parent(nodes: &[OrgNode]) -> usize {
    nodes.iter().filter(|n| n.parent.is_some()).count()
}

#[test]
fn example_data_is_marked_and_english_labels_are_used() {
    let mut nodes = pharmacy_org();
    nodes[0].state = NodeState::Example;
    let d = org_chart(&nodes, &opts("o"));
    assert!(d.svg.contains(">【記載例】</text>"));
    assert_clean(&d);
    let d = org_chart(&pharmacy_org(), &opts("o"));
    assert!(!d.svg.contains("【記載例】"));
    let o = Options {
        labels: Labels::english(),
        ..opts("e")
    };
    let d = network(&blank_network(), &o);
    assert!(d.svg.contains("Segment unknown（not entered）"));
    assert!(d.svg.contains(">Router/UTM</text>"));
}

#[test]
fn org_parents_that_loop_or_are_unknown_become_roots() {
    let nodes = vec![
        org_node("a", "A", &[], Some("b")),
        org_node("b", "B", &[], Some("a")),
        org_node("c", "C", &[], Some("nobody")),
        org_node("d", "D", &[], Some("d")),
        vendor("v", "V", &[], "nobody"),
    ];
    let d = org_chart(&nodes, &opts("loop"));
    assert_clean(&d);
    assert_eq!(d.boxes.len(), 5);
    // a is a root, b hangs below it: one relation.
    assert_eq!(d.relations.len(), 1);
    assert_eq!(d.relations[0].from, "A");
}

#[test]
fn snapshots() {
    insta::assert_snapshot!("org_chart", org_chart(&pharmacy_org(), &opts("org")).svg);
    insta::assert_snapshot!(
        "contact_chart",
        contact_chart(&pharmacy_contacts(), &opts("contact")).svg
    );
    insta::assert_snapshot!("network", network(&pharmacy_network(), &opts("net")).svg);
}

/// Writes the example diagrams into an HTML page for a look in a browser:
/// `BCP_DIAGRAM_HTML=/tmp/x.html cargo test -p mdbook-bcp --lib diagram`.
#[test]
fn write_example_page() {
    let Ok(path) = std::env::var("BCP_DIAGRAM_HTML") else {
        return;
    };
    let mut html = String::from(
        "<!doctype html><meta charset=utf-8><meta name=viewport content=\"width=device-width\">\
         <style>body{max-width:750px;margin:0 auto;padding:0 12px}</style>\n",
    );
    let blank = [
        org_chart(&blank_org(), &opts("borg")),
        contact_chart(&blank_contacts(), &opts("bcontact")),
        network(&blank_network(), &opts("bnet")),
    ];
    let narrow = Options {
        max_width: 360,
        ..opts("narrow")
    };
    let narrow = [
        org_chart(&pharmacy_org(), &narrow),
        contact_chart(&pharmacy_contacts(), &narrow),
        network(&pharmacy_network(), &narrow),
    ];
    for d in all_realistic().iter().chain(&blank).chain(&narrow) {
        html.push_str(&d.svg);
        html.push_str(&d.text_html());
    }
    std::fs::write(path, html).expect("write page");
}
