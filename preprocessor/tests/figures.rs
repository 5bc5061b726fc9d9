//! The three diagrams (org_chart 2.1.2, network 2.1.5, contact_chart 2.2.1)
//! as the engine renders them from real data: snapshots, no overlap in any
//! layout read back from the SVG, and hostile values escaped.

use std::path::{Path, PathBuf};

mod common;
use common::{context, expand, repo};

use mdbook_bcp::Edition;
use mdbook_bcp::diagram::check::{assert_svg_clean, svg_rects, svg_texts, view_box};
use mdbook_bcp::diagram::text::text_width;
use mdbook_bcp::i18n::Labels;
use mdbook_bcp::plan::Plan;

const FIGURES: [&str; 3] = ["org_chart", "network", "contact_chart"];

/// The fence `bcp NAME` rendered from the data at `root/dir`.
fn render(root: &Path, dir: &str, edition: Edition, labels: &Labels, block: &str) -> String {
    let data = Plan::load(root, Path::new(dir)).unwrap_or_else(|e| panic!("{e:?}"));
    expand(
        &context(&data),
        edition,
        labels,
        &format!("```bcp {block}\n```\n"),
    )
}

/// Every `<svg …>…</svg>` of a page, in order.
fn svgs(html: &str) -> Vec<&str> {
    html.match_indices("<svg ")
        .map(|(at, _)| {
            let end = at + html[at..].find("</svg>").expect("unclosed svg") + "</svg>".len();
            &html[at..end]
        })
        .collect()
}

/// The `<details>` text list of a figure.
fn details(html: &str) -> &str {
    let at = html.find("<details").expect("no <details>");
    &html[at..at + html[at..].find("</details>").expect("unclosed details")]
}

/// The data sets the books draw: (name, root, data dir, edition).
fn data_sets() -> Vec<(&'static str, PathBuf, &'static str, Edition)> {
    vec![
        ("template", repo(), "data", Edition::Template),
        (
            "plan",
            repo(),
            "examples/sakura-pharmacy/data",
            Edition::Plan,
        ),
        (
            "clinic-template",
            repo().join("templates/clinic"),
            "data",
            Edition::Template,
        ),
        (
            "clinic-plan",
            repo().join("templates/clinic"),
            "data",
            Edition::Plan,
        ),
    ]
}

/// Ids in the SVG all start with `prefix`, and every `url(#…)` names one.
fn assert_ids_prefixed(svg: &str, prefix: &str, what: &str) {
    for (at, _) in svg.match_indices(" id=\"") {
        let id = &svg[at + 5..];
        assert!(id.starts_with(prefix), "{what}: id {:.40} not {prefix}", id);
    }
    for (at, _) in svg.match_indices("url(#") {
        let id = &svg[at + 5..];
        assert!(id.starts_with(prefix), "{what}: url(#{:.40}", id);
    }
    for attr in ["aria-labelledby=\""] {
        let at = svg.find(attr).expect("aria-labelledby");
        let ids = &svg[at + attr.len()..];
        let ids = &ids[..ids.find('"').unwrap()];
        for id in ids.split(' ') {
            assert!(id.starts_with(prefix), "{what}: labelled by {id}");
            assert!(svg.contains(&format!(" id=\"{id}\"")), "{what}: no #{id}");
        }
    }
}

/// Every coordinate written is an integer: rects and texts parse as i32
/// (the readers panic otherwise), and so do the points of every wire.
fn assert_integers(svg: &str, what: &str) {
    let _ = (svg_rects(svg), svg_texts(svg), view_box(svg));
    for (at, _) in svg.match_indices(" points=\"") {
        let pts = &svg[at + 9..];
        let pts = &pts[..pts.find('"').unwrap()];
        for n in pts.split([' ', ',']) {
            assert!(n.parse::<i32>().is_ok(), "{what}: point {n:?} in {pts}");
        }
    }
}

#[test]
fn snapshots_of_the_template_and_the_example_pharmacy() {
    for (name, root, dir, edition) in &data_sets()[..2] {
        for block in FIGURES {
            let out = render(root, dir, *edition, &Labels::source(), block);
            let svgs = svgs(&out);
            assert_eq!(svgs.len(), 2, "{name} {block}: a wide and a narrow SVG");
            let id = format!("bcp-{}", block.trim_end_matches("_chart"));
            for (svg, suffix) in svgs.iter().zip(["w", "n"]) {
                let what = format!("{name} {block} {suffix}");
                assert_ids_prefixed(svg, &format!("{id}-{suffix}"), &what);
                assert!(svg.contains(&format!(
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{id}-{suffix}\""
                )));
                assert_integers(svg, &what);
            }
            insta::assert_snapshot!(format!("{name}-{block}"), out);
        }
    }
}

/// Each SVG of each figure, in both layouts, from every data set and in
/// English: (what, svg).
fn every_svg() -> Vec<(String, String)> {
    let english = Labels::load(&repo(), Path::new("po"), "en").unwrap();
    let mut out = Vec::new();
    for (name, root, dir, edition) in data_sets() {
        let clinic = name.starts_with("clinic");
        for (lang, labels) in [("ja", Labels::source()), ("en", english.clone())] {
            for block in FIGURES {
                if clinic && block != "contact_chart" {
                    continue;
                }
                let html = render(&root, dir, edition, &labels, block);
                for (svg, layout) in svgs(&html).into_iter().zip(["wide", "narrow"]) {
                    out.push((format!("{name} {lang} {block} {layout}"), svg.to_string()));
                }
            }
        }
    }
    out
}

#[test]
fn no_box_or_text_overlaps_in_any_layout() {
    let all = every_svg();
    assert_eq!(all.len(), 2 * 2 * (3 + 3 + 1 + 1));
    for (what, svg) in &all {
        assert_svg_clean(svg, what);
        let boxes = svg_rects(svg).iter().filter(|(c, _)| c == "box").count();
        assert!(boxes >= 3, "{what}: only {boxes} boxes");
        // Every text is measured: a text wider than the widest box would
        // have been wrapped.
        for (text, _) in svg_texts(svg) {
            assert!(text_width(&text) <= 960, "{what}: {text}");
        }
    }
}

#[test]
fn narrow_layouts_fit_a_phone_column() {
    for (what, svg) in every_svg() {
        let (w, _) = view_box(&svg);
        if what.contains("org_chart narrow") {
            // Vendors below their role: the phone's column, no shrinking.
            assert!(w <= 360, "{what} is {w} wide");
        } else if what.ends_with("narrow") {
            assert!(w <= 472, "{what} is {w} wide");
        } else {
            assert!(w <= 960, "{what} is {w} wide");
        }
    }
}

#[test]
fn hostile_names_are_escaped_in_the_svg_and_the_text_list() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    for entry in std::fs::read_dir(repo().join("examples/sakura-pharmacy/data")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), data.join(entry.file_name())).unwrap();
    }
    let path = data.join("pharmacy.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let role = "[roles.security_manager]\nname = \"医療情報システム安全管理責任者\"";
    let person = "[people.kanri]\nname = \"本田 美和\"";
    assert!(text.contains(role) && text.contains(person));
    let text = text
        .replace(
            role,
            "[roles.security_manager]\nname = \"責任者<script>alert(1)</script>&\\\"'\"",
        )
        .replace(
            person,
            "[people.kanri]\nname = \"本田<script>alert(2)</script>&\\\"' 美和\"",
        );
    std::fs::write(&path, text).unwrap();
    for block in ["org_chart", "contact_chart"] {
        let out = render(dir.path(), "data", Edition::Plan, &Labels::source(), block);
        assert!(!out.contains("<script"), "{block}: {out}");
        let role = "責任者&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;";
        let name = "本田&lt;script&gt;alert(2)&lt;/script&gt;&amp;&quot;&#39; 美和";
        for svg in svgs(&out) {
            assert_svg_clean(svg, block);
            // Drawn as text, wrapped or not: the escaped pieces are in <text>.
            let texts: String = svg_texts(svg).into_iter().map(|(t, _)| t).collect();
            assert!(texts.contains("<script>alert(1)"), "{block}: {texts}");
            assert!(texts.contains("<script>alert(2)"), "{block}: {texts}");
            assert!(svg.contains("&lt;script&gt;alert("), "{block}");
            assert!(svg.contains("&amp;&quot;&#39;"), "{block}");
        }
        let list = details(&out);
        assert!(list.contains(role), "{block}: {list}");
        assert!(list.contains(name), "{block}: {list}");
    }
}
