//! The print documents, made from mdBook's `print.html` after the html render:
//!
//! - `print.html`, the binder copy: a cover page, a table of contents, each
//!   top-level chapter (and each 資料) on a new page, links printed with their URL;
//! - `handout.html`, the training handout: the chapters listed in
//!   `[preprocessor.bcp] handout`, in that order;
//! - `poster.html`, the emergency poster alone (the chapter holding the
//!   `bcp poster` block), scaled to stay on one A4 page.
//!
//! mdBook writes every chapter of the print page one after the other, separated
//! by a page-break `<div>`; the n-th piece is the n-th chapter of the book that
//! has a file. Each piece becomes a `<section class="bcp-print-chapter">` that
//! the print style sheet (`theme/css/bcp-print.css`) lays out.

use std::path::Path;

use anyhow::{Context, bail};
use html_escape::decode_html_entities;
use mdbook_bcp::escape::escape_html;
use mdbook_bcp::i18n::Labels;
use mdbook_driver::book::{Book, BookItem};

/// What mdBook puts between two chapters of the print page (mdbook-html 0.5).
const SEPARATOR: &str = r#"<div style="break-before: page; page-break-before: always;"></div>"#;

/// A chapter of the print page: where it comes from and its HTML.
#[derive(Debug, Clone)]
pub struct Piece {
    /// Path under `src/`, with `/` separators (`ch2/2-2.md`).
    pub path: String,
    pub name: String,
    /// 0 for a chapter of SUMMARY.md's first level.
    pub depth: usize,
    /// Prefix and suffix chapters have no number.
    pub numbered: bool,
    pub html: String,
}

impl Piece {
    /// The id of the chapter's first heading (mdBook's link target for it).
    fn anchor(&self) -> Option<&str> {
        let at = self.html.find("<h1 id=\"")? + "<h1 id=\"".len();
        let end = self.html[at..].find('"')?;
        Some(&self.html[at..at + end])
    }

    fn is_poster(&self) -> bool {
        self.html.contains("class=\"bcp-poster\"")
    }

    fn is_in(&self, root: &str) -> bool {
        self.path == root
            || self
                .path
                .starts_with(&format!("{}/", root.trim_end_matches(".md")))
    }

    /// The chapter as a `<section>` of a print document, `depth` levels down: its
    /// headings go down as many levels (a chapter's title is an `<h1>`, a section's an
    /// `<h2>`, a subsection's an `<h3>`), so the document's outline nests.
    fn section(&self, depth: usize, extra_class: &str) -> String {
        format!(
            "<section class=\"bcp-print-chapter{extra_class}\" data-depth=\"{depth}\" data-path=\"{}\">\n{}\n</section>\n",
            escape_html(&self.path),
            mark_printed_urls(&shift_headings(&self.html, depth))
        )
    }
}

/// Rewrites `dir/print.html` and writes `handout.html` and `poster.html` beside
/// it; the words they add (目次, 研修用資料…) are in the language of `labels`.
pub fn write_print_documents(
    dir: &Path,
    book: &Book,
    handout: &[String],
    labels: &Labels,
) -> anyhow::Result<()> {
    let path = dir.join("print.html");
    let page = std::fs::read_to_string(&path)
        .with_context(|| format!("{} を読めません", path.display()))?;
    let page = Page::parse(&page)?;
    let pieces = page.pieces(book)?;
    let cover = pieces.first().filter(|p| !p.numbered && !p.is_poster());
    let cover_title = cover.map(|c| heading_text(&c.html)).unwrap_or_default();
    // The browser tab names the pharmacy (the cover's title) when the book's title does not.
    let book_title = if cover_title.is_empty() || page.title.contains(&cover_title) {
        page.title.clone()
    } else {
        format!("{cover_title} {}", page.title)
    };

    // The binder copy.
    let mut main = String::new();
    for (i, piece) in pieces.iter().enumerate() {
        if i == 0 && cover.is_some() {
            main.push_str(&piece.section(0, " bcp-cover"));
            main.push_str(&toc(&pieces[1..], labels));
        } else {
            main.push_str(&piece.section(piece.depth, poster_class(piece)));
        }
    }
    std::fs::write(
        &path,
        page.with_main(
            &main,
            Some(&book_title),
            pieces.iter().any(Piece::is_poster),
        ),
    )
    .with_context(|| format!("{} に書けません", path.display()))?;

    // The training handout.
    if !handout.is_empty() {
        let mut main = String::new();
        let mut chosen = Vec::new();
        for root in handout {
            let in_root: Vec<&Piece> = pieces.iter().filter(|p| p.is_in(root)).collect();
            let Some(first) = in_root.first().copied() else {
                let known: Vec<&str> = pieces.iter().map(|p| p.path.as_str()).collect();
                bail!(
                    "book.toml の [preprocessor.bcp] handout にある「{root}」は SUMMARY.md にありません。使える章: {}",
                    known.join(", ")
                );
            };
            chosen.push(first.clone());
            for piece in in_root {
                let depth = piece.depth - first.depth;
                main.push_str(&piece.section(depth, poster_class(piece)));
            }
        }
        let head = handout_head(&cover_title, &page.title, &chosen, labels);
        let out = dir.join("handout.html");
        let title = labels.fill("研修用資料 — {title}", &[("title", &book_title)]);
        std::fs::write(
            &out,
            page.with_main(
                &(head + &main),
                Some(&title),
                chosen.iter().any(Piece::is_poster),
            ),
        )
        .with_context(|| format!("{} に書けません", out.display()))?;
    }

    // The poster, alone.
    if let Some(poster) = pieces.iter().find(|p| p.is_poster()) {
        let out = dir.join("poster.html");
        let title = format!("{} — {}", poster.name, book_title);
        std::fs::write(
            &out,
            page.with_main(&poster.section(0, poster_class(poster)), Some(&title), true),
        )
        .with_context(|| format!("{} に書けません", out.display()))?;
    }
    Ok(())
}

fn poster_class(piece: &Piece) -> &'static str {
    if piece.is_poster() {
        " bcp-poster-sheet"
    } else {
        ""
    }
}

/// mdBook's print page split around the content of `<main>`.
struct Page<'a> {
    before: &'a str,
    main: &'a str,
    after: &'a str,
    /// The `<title>` as mdBook wrote it (escaped), to replace it.
    raw_title: &'a str,
    /// The same, as text.
    title: String,
}

impl<'a> Page<'a> {
    fn parse(html: &'a str) -> anyhow::Result<Page<'a>> {
        let start = html
            .find("<main>")
            .context("print.html に <main> がありません")?
            + "<main>".len();
        let end = html
            .rfind("</main>")
            .context("print.html に </main> がありません")?;
        let raw_title = html
            .find("<title>")
            .and_then(|a| {
                let a = a + "<title>".len();
                html[a..].find("</title>").map(|b| &html[a..a + b])
            })
            .unwrap_or_default();
        Ok(Page {
            before: &html[..start],
            main: &html[start..end],
            after: &html[end..],
            raw_title,
            title: decode_html_entities(raw_title).into_owned(),
        })
    }

    /// The chapters of the page, matched with the book's chapters that have a file.
    fn pieces(&self, book: &Book) -> anyhow::Result<Vec<Piece>> {
        let chapters: Vec<_> = book
            .iter()
            .filter_map(|item| match item {
                BookItem::Chapter(ch) => Some(ch),
                _ => None,
            })
            .filter_map(|ch| Some((ch, ch.path.as_ref()?)))
            .collect();
        let parts: Vec<&str> = self.main.split(SEPARATOR).collect();
        if parts.len() != chapters.len() {
            bail!(
                "print.html の章の数（{}）が SUMMARY.md の章の数（{}）と合いません",
                parts.len(),
                chapters.len()
            );
        }
        Ok(chapters
            .into_iter()
            .zip(parts)
            .map(|((ch, path), html)| Piece {
                path: path.to_string_lossy().replace('\\', "/"),
                name: ch.name.clone(),
                depth: ch.parent_names.len(),
                numbered: ch.number.is_some(),
                html: html.trim().to_string(),
            })
            .collect())
    }

    /// The page with `main` as content; `title` replaces the page title.
    fn with_main(&self, main: &str, title: Option<&str>, fit_poster: bool) -> String {
        let before = match title {
            Some(t) => self.before.replacen(
                &format!("<title>{}</title>", self.raw_title),
                &format!("<title>{}</title>", escape_html(t)),
                1,
            ),
            None => self.before.to_string(),
        };
        let after = if fit_poster {
            self.after
                .replacen("</body>", &format!("{FIT_POSTER}</body>"), 1)
        } else {
            self.after.to_string()
        };
        format!("{before}\n{main}{after}")
    }
}

/// Shrinks the poster's type until it fits one A4 page (A4 less 10 mm margins),
/// measured on screen at the printed width (`.bcp-poster-sheet` is 190 mm wide).
const FIT_POSTER: &str = r#"<script>
(function () {
    var sheet = document.querySelector('.bcp-poster-sheet');
    if (!sheet) { return; }
    var limit = 275 * 96 / 25.4;
    var size = 13;
    sheet.style.fontSize = size + 'pt';
    while (sheet.getBoundingClientRect().height > limit && size > 6) {
        size -= 0.25;
        sheet.style.fontSize = size + 'pt';
    }
    sheet.setAttribute('data-fit-pt', String(size));
})();
</script>
"#;

/// The table of contents of the binder copy: chapters and their sections.
fn toc(pieces: &[Piece], labels: &Labels) -> String {
    let mut out = format!(
        "<nav class=\"bcp-print-toc\">\n<h1 class=\"bcp-toc-title\">{}</h1>\n<ul>\n",
        escape_html(labels.tr("目次"))
    );
    for piece in pieces.iter().filter(|p| p.depth <= 1) {
        let Some(anchor) = piece.anchor() else {
            continue;
        };
        out.push_str(&format!(
            "<li class=\"bcp-toc-d{}\"><a href=\"#{}\">{}</a></li>\n",
            piece.depth,
            anchor,
            escape_html(&piece.name)
        ));
    }
    out.push_str("</ul>\n</nav>\n");
    out
}

fn handout_head(org: &str, book_title: &str, chosen: &[Piece], labels: &Labels) -> String {
    let mut out = String::from("<header class=\"bcp-handout-head\">\n");
    out.push_str(&format!(
        "<p class=\"bcp-handout-kind\">{}</p>\n<p class=\"bcp-handout-title\">{}</p>\n<ul>\n",
        escape_html(labels.tr("研修用資料（抜粋）")),
        if org.is_empty() || book_title.contains(org) {
            escape_html(book_title)
        } else {
            format!("{} {}", escape_html(org), escape_html(book_title))
        }
    ));
    for piece in chosen {
        out.push_str(&format!("<li>{}</li>\n", escape_html(&piece.name)));
    }
    out.push_str("</ul>\n</header>\n");
    out
}

/// The text of the first `<h1>` of a chapter.
fn heading_text(html: &str) -> String {
    let Some(start) = html.find("<h1") else {
        return String::new();
    };
    let end = html[start..]
        .find("</h1>")
        .map_or(html.len(), |e| start + e);
    let mut text = String::new();
    let mut in_tag = false;
    for c in html[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    decode_html_entities(text.trim()).into_owned()
}

/// `<h1>`…`<h6>` of `html` made `by` levels lower (`<h6>` at most).
fn shift_headings(html: &str, by: usize) -> String {
    if by == 0 {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let close = tail.starts_with("</");
        let name_at = if close { 2 } else { 1 };
        let bytes = tail.as_bytes();
        let level = bytes.get(name_at).filter(|b| matches!(b, b'h' | b'H')).and(
            bytes
                .get(name_at + 1)
                .filter(|b| (b'1'..=b'6').contains(b))
                .map(|b| usize::from(b - b'0')),
        );
        let ends_name = bytes
            .get(name_at + 2)
            .is_some_and(|b| matches!(b, b'>' | b' ' | b'\n' | b'\t' | b'/'));
        match level {
            Some(level) if ends_name => {
                out.push_str(&tail[..name_at]);
                out.push_str(&format!("h{}", (level + by).min(6)));
                rest = &tail[name_at + 2..];
            }
            _ => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Marks `<a href="URL">URL</a>` so the style sheet does not print the URL twice.
fn mark_printed_urls(html: &str) -> String {
    const OPEN: &str = "<a href=\"";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let href_end = tail[OPEN.len()..].find('"').map(|e| OPEN.len() + e);
        let tag_end = tail.find('>');
        let text_end = tail.find("</a>");
        if let (Some(h), Some(t), Some(x)) = (href_end, tag_end, text_end)
            && h < t
            && t < x
        {
            let href = &tail[OPEN.len()..h];
            let text = &tail[t + 1..x];
            if decode_html_entities(href) == decode_html_entities(text) {
                out.push_str("<a class=\"bcp-url-shown\" href=\"");
                rest = &tail[OPEN.len()..];
                continue;
            }
        }
        out.push_str(OPEN);
        rest = &tail[OPEN.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_whose_text_is_the_url_are_marked() {
        let html = r##"<a href="https://a.jp/x?a=1&amp;b=2">https://a.jp/x?a=1&amp;b=2</a> and <a href="https://b.jp/">B</a> <a href="#s1">1.1</a>"##;
        let out = mark_printed_urls(html);
        assert_eq!(out.matches("bcp-url-shown").count(), 1, "{out}");
        assert!(out.contains(r#"<a href="https://b.jp/">B</a>"#));
    }

    #[test]
    fn a_page_title_with_an_ampersand_is_escaped_once() {
        let html = "<html><head><title>A &amp; B&#x27;s BCP</title></head><body><main>x</main></body></html>";
        let page = Page::parse(html).unwrap();
        assert_eq!(page.title, "A & B's BCP");
        let out = page.with_main("y", Some(&format!("研修用資料 — {}", page.title)), false);
        assert!(
            out.contains("<title>研修用資料 — A &amp; B&#39;s BCP</title>"),
            "{out}"
        );
    }

    #[test]
    fn headings_go_down_by_the_depth_and_stop_at_h6() {
        let html =
            r#"<h1 id="a">A</h1><header><h2>B</h2><hr><H5 class="x">C</H5><h6>D</h6></header>"#;
        assert_eq!(
            shift_headings(html, 1),
            r#"<h2 id="a">A</h2><header><h3>B</h3><hr><h6 class="x">C</h6><h6>D</h6></header>"#
        );
        assert_eq!(shift_headings(html, 0), html);
    }

    #[test]
    fn heading_text_drops_tags() {
        assert_eq!(
            heading_text(
                r##"<h1 id="x"><a class="header" href="#x">〇〇薬局 &amp; 本店</a></h1>"##
            ),
            "〇〇薬局 & 本店"
        );
    }
}
