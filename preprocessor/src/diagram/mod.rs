//! The plan's three diagrams as inline SVG: 組織体制図 ([`org_chart`]),
//! 連絡体制図 ([`contact_chart`]) and ネットワーク・システム構成図 ([`network`]).
//!
//! Each function takes plain input structs of this module (the engine maps
//! its model onto them) and returns a [`Diagram`]: the `<svg>` element, the
//! rectangles it drew (for tests and callers), and the same relations as
//! plain data for a text equivalent ([`Diagram::text_html`]).
//!
//! # Why a layout of our own and not a layout crate
//! * **Same bytes for the same data.** Every coordinate is an integer computed
//!   from the input in its order; no floating point, no hash order, no
//!   iteration to a fixed point. A general layout crate (layout-rs, a
//!   Graphviz binding) gives no such promise across versions.
//! * **Three fixed shapes.** A tree of boxes, an escalation column with side
//!   branches, and segments side by side: each is a few rules of rows and
//!   columns (see [`fan_below`] and [`pack_rows`]). A general graph layout
//!   would place the vendors and outside bodies where it likes.
//! * **Japanese widths.** Text is measured and wrapped here with
//!   `unicode-width` (full-width = 1 em, Latin as wide as BIZ UDPGothic
//!   draws it, see [`text`]) and never split inside a phone number or an IP
//!   address; general crates measure Latin text only.
//! * **Stable when a name grows.** Every box has a fixed width and grows only
//!   downwards, so no box ever moves sideways when a text changes; see the
//!   `*_grown_name_*` tests for exactly what may move.
//! * **No dependency** beyond `unicode-width`, so the bytes do not change
//!   with a dependency update.

pub mod contact;
pub mod network;
pub mod org;
pub mod svg;
pub mod text;

pub use contact::{ContactBox, ContactStep, Deputy, contact_chart};
pub use network::{
    Device, NetBox, NetworkInput, Segment, assign_segment, network, parse_cidr, parse_ipv4,
};
pub use org::{NodeKind, OrgNode, org_chart};

use svg::escape;
use text::{LINE_H, wrap_balanced};

/// An axis-aligned rectangle in SVG user units (px at full size).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
}

impl Rect {
    pub const fn new(x: i32, y: i32, w: i32, h: i32) -> Rect {
        Rect { x, y, w, h }
    }

    pub fn right(&self) -> i32 {
        self.x + self.w
    }

    pub fn bottom(&self) -> i32 {
        self.y + self.h
    }

    /// The rectangle moved by `(dx, dy)`.
    pub fn shift(&self, dx: i32, dy: i32) -> Rect {
        Rect::new(self.x + dx, self.y + dy, self.w, self.h)
    }

    /// True when the two rectangles are at least `margin` apart.
    pub fn clear_of(&self, other: &Rect, margin: i32) -> bool {
        self.right() + margin <= other.x
            || other.right() + margin <= self.x
            || self.bottom() + margin <= other.y
            || other.bottom() + margin <= self.y
    }

    /// True when `inner` lies inside this rectangle.
    pub fn contains(&self, inner: &Rect) -> bool {
        inner.x >= self.x
            && inner.y >= self.y
            && inner.right() <= self.right()
            && inner.bottom() <= self.bottom()
    }
}

/// One relation of a diagram, for its text equivalent: `from → to（label）`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    /// The step number drawn on the arrow (①②③), if the order matters.
    pub order: Option<u32>,
    pub from: String,
    pub to: String,
    /// Phone number, address range, or the kind of link; may be empty.
    pub label: String,
}

impl Relation {
    /// `① A → B（label）` as plain text.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        if let Some(n) = self.order {
            out.push_str(&circled(n));
            out.push(' ');
        }
        out.push_str(&self.from);
        out.push_str(" → ");
        out.push_str(&self.to);
        if !self.label.is_empty() {
            out.push('（');
            out.push_str(&self.label);
            out.push('）');
        }
        out
    }
}

/// A drawn diagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagram {
    /// The `<svg>` element, ready to inline in HTML or Markdown.
    pub svg: String,
    /// Every labelled box, in drawing order; pairwise disjoint.
    pub boxes: Vec<Rect>,
    /// Group frames (network segments); each holds boxes and its own label.
    pub frames: Vec<Rect>,
    /// Free-standing labels (step numbers, 【記載例】, segment headers).
    pub labels: Vec<Rect>,
    /// The relations drawn, as data, for the text equivalent.
    pub relations: Vec<Relation>,
    /// Width and height of the viewBox.
    pub size: (i32, i32),
}

impl Diagram {
    /// The relations as an HTML list, one `<li>` per relation, escaped.
    pub fn text_html(&self) -> String {
        let mut out = String::from("<ul class=\"bcp-diagram-text\">\n");
        for r in &self.relations {
            out.push_str("<li>");
            out.push_str(&escape(&r.to_text()));
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
        out
    }
}

/// How complete a box's data is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NodeState {
    /// Entered by the pharmacy.
    #[default]
    Filled,
    /// Required but not entered: drawn dotted, with [`Labels::missing`].
    Missing,
    /// 【記載例】 data of the template edition: the diagram gets the mark.
    Example,
}

/// The words the diagrams draw themselves; [`Labels::default`] is Japanese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    /// Drawn where a value is missing: 未記入.
    pub missing: String,
    /// Drawn once at the top left when any box is example data: 【記載例】.
    pub example: String,
    /// Before a phone number: 電話.
    pub phone: String,
    /// Before the deputy: 不在時: 代理.
    pub deputy: String,
    /// The group of devices whose segment is unknown: 所属不明.
    pub unknown_segment: String,
    /// The router/UTM when none is entered: ルーター/UTM.
    pub gateway: String,
    /// The relation label of an outside party: 外部委託先.
    pub outside: String,
    /// Between the relations in `<desc>`: 。
    pub sentence_end: String,
}

impl Default for Labels {
    fn default() -> Labels {
        Labels {
            missing: "未記入".into(),
            example: "【記載例】".into(),
            phone: "電話".into(),
            deputy: "不在時: 代理".into(),
            unknown_segment: "所属不明".into(),
            gateway: "ルーター/UTM".into(),
            outside: "外部委託先".into(),
            sentence_end: "。".into(),
        }
    }
}

impl Labels {
    /// The English labels.
    pub fn english() -> Labels {
        Labels {
            missing: "not entered".into(),
            example: "[Example]".into(),
            phone: "Tel.".into(),
            deputy: "If absent: deputy".into(),
            unknown_segment: "Segment unknown".into(),
            gateway: "Router/UTM".into(),
            outside: "contractor".into(),
            sentence_end: ". ".into(),
        }
    }
}

/// Settings shared by the three diagrams.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Prefix of every id in the SVG, so that two diagrams on a page differ.
    pub id_prefix: String,
    /// `<title>` of the SVG.
    pub title: String,
    /// `<desc>` of the SVG; when empty, the relations joined.
    pub desc: String,
    /// Widest layout in px; rows of boxes wrap to stay inside it. The
    /// default 960 fits A4 portrait scaled to the text column.
    pub max_width: i32,
    pub labels: Labels,
}

impl Options {
    pub fn new(id_prefix: &str, title: &str) -> Options {
        Options {
            id_prefix: id_prefix.into(),
            title: title.into(),
            desc: String::new(),
            max_width: DEFAULT_MAX_WIDTH,
            labels: Labels::default(),
        }
    }

    fn desc_or(&self, relations: &[Relation]) -> String {
        if !self.desc.is_empty() {
            return self.desc.clone();
        }
        relations
            .iter()
            .map(Relation::to_text)
            .collect::<Vec<_>>()
            .join(&self.labels.sentence_end)
    }
}

/// The default [`Options::max_width`].
pub const DEFAULT_MAX_WIDTH: i32 = 960;
/// Outer margin of every diagram.
pub(crate) const MARGIN: i32 = 16;
/// Width of every labelled box: 13 em of text plus padding; four fit in a
/// row of the default width.
pub(crate) const BOX_W: i32 = 208;
/// Narrowest a labelled box gets where [`BOX_W`] does not fit (the phone
/// layout): 9 em of text plus padding.
pub(crate) const MIN_BOX_W: i32 = 9 * text::FONT_PX + 2 * PAD_X;
/// Horizontal padding inside a box.
pub(crate) const PAD_X: i32 = 10;
/// Vertical padding inside a box.
pub(crate) const PAD_Y: i32 = 8;
/// Horizontal gap between boxes in a row.
pub(crate) const HGAP: i32 = 24;
/// Vertical gap between a parent and a row of children (bus in the middle).
pub(crate) const VGAP: i32 = 48;
/// Indent of wrapped rows, leaving room for the trunk line on their left.
pub(crate) const TRUNK: i32 = 24;

/// Width of each of `n` boxes side by side, `gap` apart, in `avail`: [`BOX_W`]
/// where they fit, narrower where not, down to [`MIN_BOX_W`].
pub(crate) fn box_w_for(n: i32, gap: i32, avail: i32) -> i32 {
    if n <= 0 {
        return BOX_W;
    }
    ((avail - (n - 1) * gap) / n).clamp(MIN_BOX_W, BOX_W)
}

/// Border of a box: solid inside the pharmacy, dashed for outside parties,
/// dotted for a missing value. All black, so they differ in greyscale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Border {
    Solid,
    Dashed,
    Dotted,
}

/// A box's text, wrapped to the box width: a bold first line, then the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Card {
    pub lines: Vec<(String, bool)>,
    pub border: Border,
    pub w: i32,
}

impl Card {
    /// `title` (bold) and `body` lines wrapped into a box `w` wide, each
    /// as evenly as it breaks; a body line may hold [`text::CHUNK`]s.
    pub fn new(title: &str, body: &[String], border: Border, w: i32) -> Card {
        let inner = w - 2 * PAD_X;
        let mut lines: Vec<(String, bool)> = wrap_balanced(title, inner)
            .into_iter()
            .map(|l| (l, true))
            .collect();
        for b in body {
            lines.extend(wrap_balanced(b, inner).into_iter().map(|l| (l, false)));
        }
        Card { lines, border, w }
    }

    pub fn h(&self) -> i32 {
        2 * PAD_Y + (self.lines.len().max(1) as i32) * LINE_H
    }

    pub fn draw(&self, svg: &mut svg::Svg, x: i32, y: i32) -> Rect {
        let r = Rect::new(x, y, self.w, self.h());
        svg.rect(r, "box", self.border);
        svg.lines_in(r, PAD_Y, &self.lines);
        r
    }
}

/// Splits items of the given widths into rows no wider than `avail`, in
/// order, with `gap` between items. An item wider than `avail` gets a row
/// of its own.
pub(crate) fn pack_rows(widths: &[i32], avail: i32, gap: i32) -> Vec<Vec<usize>> {
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut used = 0;
    for (i, &w) in widths.iter().enumerate() {
        match rows.last_mut() {
            Some(row) if used + gap + w <= avail => {
                row.push(i);
                used += gap + w;
            }
            _ => {
                rows.push(vec![i]);
                used = w;
            }
        }
    }
    rows
}

/// A block hung below a parent: its size and where its top wire attaches.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Child {
    pub w: i32,
    pub h: i32,
    /// x of the attachment point on the block's top edge.
    pub anchor: i32,
}

/// Children hung below a parent, with their wires.
#[derive(Debug, Clone, Default)]
pub(crate) struct Fan {
    pub w: i32,
    pub h: i32,
    /// x of the parent's left edge in the block.
    pub parent_x: i32,
    /// Top-left of each child in the block.
    pub pos: Vec<(i32, i32)>,
    /// The parent's stem, the buses and the trunk.
    pub lines: Vec<Vec<(i32, i32)>>,
    /// One drop per child, ending on its top edge.
    pub drops: Vec<Vec<(i32, i32)>>,
}

/// Lays out `kids` below a parent `pw` × `ph` whose wire leaves at
/// `(px, py)` (relative to the parent). One row: the parent is centred over
/// its children and a bus joins them. Too wide for `avail`: rows are indented
/// by [`TRUNK`] and a trunk on their left carries a bus to each row.
/// Positions depend only on the sizes, never on text.
pub(crate) fn fan_below(pw: i32, ph: i32, px: i32, py: i32, kids: &[Child], avail: i32) -> Fan {
    let mut fan = Fan {
        w: pw,
        h: ph,
        ..Fan::default()
    };
    if kids.is_empty() {
        return fan;
    }
    let widths: Vec<i32> = kids.iter().map(|k| k.w).collect();
    let total: i32 = widths.iter().sum::<i32>() + HGAP * (kids.len() as i32 - 1);
    let top = ph + VGAP;
    if total <= avail {
        let mut xs = Vec::with_capacity(kids.len());
        let mut x = 0;
        for k in kids {
            xs.push(x);
            x += k.w + HGAP;
        }
        let first = xs[0] + kids[0].anchor;
        let last = xs[kids.len() - 1] + kids[kids.len() - 1].anchor;
        let mid = (first + last) / 2;
        let mut parent_x = mid - px;
        let mut row_x = 0;
        if parent_x < 0 {
            row_x = -parent_x;
            parent_x = 0;
        }
        fan.parent_x = parent_x;
        fan.w = (parent_x + pw).max(row_x + total);
        let bus = ph + VGAP / 2;
        let stem = parent_x + px;
        fan.lines.push(vec![(stem, py), (stem, bus)]);
        let lo = (row_x + first).min(stem);
        let hi = (row_x + last).max(stem);
        if lo < hi {
            fan.lines.push(vec![(lo, bus), (hi, bus)]);
        }
        let mut h = 0;
        for (k, x) in kids.iter().zip(xs) {
            let a = row_x + x + k.anchor;
            fan.pos.push((row_x + x, top));
            fan.drops.push(vec![(a, bus), (a, top)]);
            h = h.max(k.h);
        }
        fan.h = top + h;
        return fan;
    }
    let rows = pack_rows(&widths, avail - TRUNK, HGAP);
    let trunk_x = TRUNK / 2;
    fan.pos = vec![(0, 0); kids.len()];
    let mut y = top;
    let mut first_bus = 0;
    let mut last_bus = 0;
    let mut w = pw;
    for (r, row) in rows.iter().enumerate() {
        let bus = y - VGAP / 2;
        if r == 0 {
            first_bus = bus;
        }
        last_bus = bus;
        let mut x = TRUNK;
        let mut hi = if r == 0 { px } else { trunk_x };
        // The trunk is needed only when there is a second row.
        let lo = if rows.len() > 1 {
            trunk_x
        } else {
            px.min(x + kids[row[0]].anchor)
        };
        let mut row_h = 0;
        for &i in row {
            let a = x + kids[i].anchor;
            fan.pos[i] = (x, y);
            fan.drops.push(vec![(a, bus), (a, y)]);
            hi = hi.max(a);
            row_h = row_h.max(kids[i].h);
            x += kids[i].w + HGAP;
        }
        w = w.max(x - HGAP);
        fan.lines.push(vec![(lo, bus), (hi, bus)]);
        y += row_h + VGAP;
    }
    // Drops were pushed row by row; put them back in the order of `kids`.
    let order: Vec<usize> = rows.iter().flatten().copied().collect();
    let mut drops = vec![Vec::new(); kids.len()];
    for (d, i) in std::mem::take(&mut fan.drops).into_iter().zip(order) {
        drops[i] = d;
    }
    fan.drops = drops;
    fan.lines.insert(0, vec![(px, py), (px, first_bus)]);
    if last_bus > first_bus {
        fan.lines
            .push(vec![(trunk_x, first_bus), (trunk_x, last_bus)]);
    }
    fan.w = w;
    fan.h = y - VGAP;
    fan
}

/// ①…⑳, then (21), (22)…
pub fn circled(n: u32) -> String {
    match n {
        1..=20 => char::from_u32(0x2460 + n - 1)
            .map(String::from)
            .unwrap_or_default(),
        _ => format!("({n})"),
    }
}

/// Places the 【記載例】 mark at the top left when needed; returns the
/// y offset of the content below it.
pub(crate) fn example_mark(
    svg: &mut svg::Svg,
    labels: &mut Vec<Rect>,
    text: &str,
    show: bool,
) -> i32 {
    if !show {
        return MARGIN;
    }
    svg.text(MARGIN, MARGIN, false, true, text);
    labels.push(Rect::new(MARGIN, MARGIN, text::text_width(text), LINE_H));
    MARGIN + LINE_H + 12
}

pub mod check;
#[cfg(test)]
mod tests;
