//! Test helpers: read the rectangles and texts back out of an SVG and check
//! that nothing overlaps. Public for the integration tests, which check the
//! SVG of a rendered page ([`assert_svg_clean`]); they panic on a fault.

use super::text::{BASELINE, LINE_H, text_width};
use super::{Diagram, Rect};

/// Least distance between two boxes, or a box and a label.
pub const MARGIN: i32 = 8;

/// The value of attribute `name` in one tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

fn num(tag: &str, name: &str) -> i32 {
    attr(tag, name)
        .unwrap_or_else(|| panic!("no {name} in {tag}"))
        .parse()
        .unwrap_or_else(|e| panic!("{name} of {tag}: {e}"))
}

/// Every `<rect` with its class and x/y/width/height.
pub fn svg_rects(svg: &str) -> Vec<(String, Rect)> {
    svg.match_indices("<rect")
        .map(|(at, _)| {
            let tag = &svg[at..at + svg[at..].find('>').expect("unclosed rect")];
            let class = attr(tag, "class").unwrap_or_default().to_string();
            let x = attr(tag, "x").map_or(0, |_| num(tag, "x"));
            let y = attr(tag, "y").map_or(0, |_| num(tag, "y"));
            (
                class,
                Rect::new(x, y, num(tag, "width"), num(tag, "height")),
            )
        })
        .collect()
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Every `<text>` with the rectangle its text takes (estimated from its
/// measured width, its anchor and the line height).
pub fn svg_texts(svg: &str) -> Vec<(String, Rect)> {
    svg.match_indices("<text ")
        .map(|(at, _)| {
            let end = at + svg[at..].find("</text>").expect("unclosed text");
            let tag_end = at + svg[at..].find('>').expect("unclosed tag");
            let tag = &svg[at..tag_end];
            let text = unescape(&svg[tag_end + 1..end]);
            let w = text_width(&text);
            let x = num(tag, "x");
            let left = if tag.contains(r#"text-anchor="middle""#) {
                x - w / 2
            } else {
                x
            };
            let top = num(tag, "y") - BASELINE;
            (text, Rect::new(left, top, w, LINE_H))
        })
        .collect()
}

/// The viewBox width and height.
pub fn view_box(svg: &str) -> (i32, i32) {
    let vb = attr(svg, "viewBox").expect("viewBox");
    let v: Vec<i32> = vb.split(' ').map(|n| n.parse().expect("number")).collect();
    assert_eq!(&v[..2], [0, 0]);
    (v[2], v[3])
}

/// The `box` and the `frame` rects of an SVG's `(class, rect)` list.
fn boxes_and_frames(rects: &[(String, Rect)]) -> (Vec<Rect>, Vec<Rect>) {
    let of = |class: &str| -> Vec<Rect> {
        rects
            .iter()
            .filter(|(c, _)| c == class)
            .map(|(_, r)| *r)
            .collect()
    };
    (of("box"), of("frame"))
}

/// Checks an SVG on its own, as it comes out of a page: every `<rect>` is
/// the background, a `box` or a `frame`, with integer coordinates, inside
/// the viewBox; no two boxes come closer than [`MARGIN`]; a frame holds a box
/// wholly or keeps clear of it; every text lies inside a box, or is a free
/// label (a frame's header, a step number, 【記載例】) inside the viewBox
/// that touches no box. `what` names the SVG in the messages.
pub fn assert_svg_clean(svg: &str, what: &str) {
    let rects = svg_rects(svg);
    let (boxes, frames) = boxes_and_frames(&rects);
    for (class, r) in &rects {
        assert!(
            matches!(class.as_str(), "box" | "frame" | "background"),
            "{what}: unknown rect class {class:?} at {r:?}"
        );
    }
    let (w, h) = view_box(svg);
    let page = Rect::new(0, 0, w, h);
    for (i, a) in boxes.iter().enumerate() {
        assert!(
            page.contains(a),
            "{what}: box {a:?} outside the viewBox {w}x{h}"
        );
        for b in &boxes[i + 1..] {
            assert!(a.clear_of(b, MARGIN), "{what}: boxes overlap: {a:?} {b:?}");
        }
        for f in &frames {
            assert!(
                f.contains(a) || a.clear_of(f, MARGIN),
                "{what}: box {a:?} cuts frame {f:?}"
            );
        }
    }
    for (i, f) in frames.iter().enumerate() {
        assert!(page.contains(f), "{what}: frame {f:?} outside the viewBox");
        for g in &frames[i + 1..] {
            assert!(f.clear_of(g, MARGIN), "{what}: frames overlap: {f:?} {g:?}");
        }
    }
    for (text, t) in svg_texts(svg) {
        let inside_box = boxes
            .iter()
            .any(|b| Rect::new(b.x + 4, b.y + 4, b.w - 8, b.h - 8).contains(&t));
        if inside_box {
            continue;
        }
        assert!(
            page.contains(&t),
            "{what}: text {text:?} at {t:?} outside the viewBox {w}x{h}"
        );
        for b in &boxes {
            assert!(
                t.clear_of(b, 2),
                "{what}: text {text:?} at {t:?} is on box {b:?} but not inside it"
            );
        }
    }
}

/// Checks a diagram: [`assert_svg_clean`], and the SVG's boxes and frames
/// are the ones reported; labels keep clear of boxes and of each other; every
/// text lies inside a box, or inside a label; all inside the viewBox.
pub fn assert_clean(d: &Diagram) {
    assert_svg_clean(&d.svg, "diagram");
    let rects = svg_rects(&d.svg);
    let (boxes, frames) = boxes_and_frames(&rects);
    assert_eq!(
        boxes, d.boxes,
        "boxes in the SVG differ from the reported ones"
    );
    assert_eq!(
        frames, d.frames,
        "frames in the SVG differ from the reported ones"
    );
    assert_eq!(
        rects.len(),
        boxes.len() + frames.len() + 1,
        "unknown rect class"
    );
    // Boxes and frames themselves: checked by `assert_svg_clean` above.
    let (w, h) = view_box(&d.svg);
    assert_eq!((w, h), d.size);
    let page = Rect::new(0, 0, w, h);
    for (i, l) in d.labels.iter().enumerate() {
        assert!(page.contains(l), "label {l:?} outside the viewBox");
        for b in &boxes {
            assert!(l.clear_of(b, 2), "label {l:?} on box {b:?}");
        }
        for m in &d.labels[i + 1..] {
            assert!(l.clear_of(m, 2), "labels overlap: {l:?} {m:?}");
        }
    }
    for (text, t) in svg_texts(&d.svg) {
        let inside_box = boxes
            .iter()
            .any(|b| Rect::new(b.x + 4, b.y + 4, b.w - 8, b.h - 8).contains(&t));
        let inside_label = d.labels.iter().any(|l| l.contains(&t));
        assert!(
            inside_box || inside_label,
            "text {text:?} at {t:?} is in no box and no label"
        );
    }
}
