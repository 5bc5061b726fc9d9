//! 連絡体制図 (2.2.1): who tells whom, in what order.
//!
//! The escalation steps (発見者 → 安全管理責任者 → 開設者) stand in a column on
//! the left, joined by numbered arrows. A step's vendors and outside bodies
//! stand in rows to its right, reached by a bus from the step's side and a
//! trunk when they take more than one row. Numbers run in the order of the
//! steps; within a step: the arrow to the next step, then its vendors, then
//! its outside bodies (one number per group: they are called in parallel).

use super::svg::Svg;
use super::text::{CHUNK, text_width};
use super::{
    Border, Card, Diagram, HGAP, LINE_H, MARGIN, NodeState, Options, PAD_Y, Rect, Relation, TRUNK,
    VGAP, box_w_for, circled, example_mark,
};

/// The person to call when a step's person cannot be reached.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Deputy {
    pub name: String,
    /// Empty: drawn as 未記入.
    pub phone: String,
}

/// One box of the 連絡体制図.
///
/// `name` and `phone`: `None` means the field does not apply and is not
/// drawn (the 発見者 has no number); `Some("")` means it is required and
/// missing: drawn as 未記入 with a dotted border.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContactBox {
    /// Role or body: 安全管理責任者, 警察 サイバー犯罪相談窓口…
    pub title: String,
    /// Person (役職 氏名) or department.
    pub name: Option<String>,
    pub phone: Option<String>,
    pub deputy: Option<Deputy>,
    pub state: NodeState,
}

/// One step of the escalation, with whom it calls besides the next step.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContactStep {
    pub person: ContactBox,
    /// Vendors of the affected systems, called by this step.
    pub vendors: Vec<ContactBox>,
    /// Outside bodies (警察, 厚生労働省, 個人情報保護委員会, 薬剤師会).
    pub outside: Vec<ContactBox>,
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

impl ContactBox {
    fn missing(&self) -> bool {
        self.state == NodeState::Missing
            || self.name.as_deref().is_some_and(blank)
            || self.phone.as_deref().is_some_and(blank)
            || self
                .deputy
                .as_ref()
                .is_some_and(|d| blank(&d.name) || blank(&d.phone))
    }

    fn or_missing<'a>(value: &'a str, missing: &'a str) -> &'a str {
        if blank(value) { missing } else { value }
    }

    /// The lines below the title.
    fn body(&self, opts: &Options) -> Vec<String> {
        let l = &opts.labels;
        let mut body = Vec::new();
        if let Some(name) = &self.name {
            body.push(Self::or_missing(name, &l.missing).to_string());
        }
        if let Some(phone) = &self.phone {
            body.push(format!(
                "{} {}",
                l.phone,
                Self::or_missing(phone, &l.missing)
            ));
        }
        if let Some(d) = &self.deputy {
            let c = CHUNK;
            body.push(format!(
                "{}{c}{}{c}{} {}",
                l.deputy,
                Self::or_missing(&d.name, &l.missing),
                l.phone,
                Self::or_missing(&d.phone, &l.missing)
            ));
        }
        if self.state == NodeState::Missing && body.is_empty() {
            body.push(l.missing.clone());
        }
        body
    }

    fn card(&self, outside: bool, w: i32, opts: &Options) -> Card {
        let border = if self.missing() {
            Border::Dotted
        } else if outside {
            Border::Dashed
        } else {
            Border::Solid
        };
        Card::new(&self.title, &self.body(opts), border, w)
    }

    /// Title and name, for the text equivalent.
    fn who(&self, opts: &Options) -> String {
        match &self.name {
            Some(n) => format!(
                "{} {}",
                self.title,
                Self::or_missing(n, &opts.labels.missing)
            ),
            None => self.title.clone(),
        }
    }

    /// Phone and deputy, for the text equivalent.
    fn reach(&self, opts: &Options) -> String {
        let body = self.body(opts);
        let skip = usize::from(self.name.is_some());
        body.into_iter()
            .skip(skip)
            .map(|line| line.replace(CHUNK, " "))
            .collect::<Vec<_>>()
            .join("、")
    }
}

/// The y of a bus below its label, relative to the top of its row's gap.
const BUS_DROP: i32 = 16;
/// Gap above a bus that is not the first of a step (room for a number).
const BUS_GAP: i32 = 24;

/// Draws the 連絡体制図 of `steps` (in escalation order).
pub fn contact_chart(steps: &[ContactStep], opts: &Options) -> Diagram {
    let mut svg = Svg::new(&opts.id_prefix);
    let mut labels = Vec::new();
    let any_example = steps.iter().any(|s| {
        std::iter::once(&s.person)
            .chain(&s.vendors)
            .chain(&s.outside)
            .any(|b| b.state == NodeState::Example)
    });
    let mut y = example_mark(&mut svg, &mut labels, &opts.labels.example, any_example);
    // Room above the first bus for its number.
    y += LINE_H / 2;

    // The steps' column and at least one column of the boxes they call: narrower
    // boxes where two of [`super::BOX_W`] do not fit (the phone layout).
    let box_w = box_w_for(2, TRUNK, opts.max_width - 2 * MARGIN);
    let step_x = MARGIN;
    let step_r = step_x + box_w;
    let trunk_x = step_r + TRUNK / 2;
    let att_x = step_r + TRUNK;
    let avail = opts.max_width - MARGIN - att_x;
    let per_row = ((avail + HGAP) / (box_w + HGAP)).max(1) as usize;
    let attach = PAD_Y + LINE_H / 2;

    let mut boxes = Vec::new();
    let mut relations = Vec::new();
    let mut width = step_r + MARGIN;
    let mut n = 0u32;
    let draw_number = |svg: &mut Svg, labels: &mut Vec<Rect>, k: u32, x: i32, top: i32| {
        let text = circled(k);
        svg.text(x, top, false, true, &text);
        labels.push(Rect::new(x, top, text_width(&text), LINE_H));
    };
    // The previous step's box and the number of the arrow from it.
    let mut prev: Option<(Rect, usize, u32)> = None;
    for (s, step) in steps.iter().enumerate() {
        let card = step.person.card(false, box_w, opts);
        // The arrow from the previous step, numbered beside it.
        if let Some((from, p, k)) = prev {
            let cx = from.x + from.w / 2;
            let mid = (from.bottom() + y) / 2;
            draw_number(&mut svg, &mut labels, k, cx + 8, mid - LINE_H / 2);
            svg.wire(&[(cx, from.bottom()), (cx, y)], Border::Solid, true);
            relations.push(Relation {
                order: Some(k),
                from: steps[p].person.who(opts),
                to: step.person.who(opts),
                label: step.person.reach(opts),
            });
        }
        // The arrow to the next step comes first in the order.
        let next_k = if s + 1 < steps.len() {
            n += 1;
            n
        } else {
            0
        };
        let step_rect = card.draw(&mut svg, step_x, y);
        boxes.push(step_rect);
        let mut bottom = step_rect.bottom();
        let bus0 = y + attach;
        let mut bus = bus0;
        let mut first_row = true;
        for (group, outside) in [(&step.vendors, false), (&step.outside, true)] {
            if group.is_empty() {
                continue;
            }
            // The number of this group, above its first bus.
            let nx = if first_row { step_r + 4 } else { trunk_x + 4 };
            if !first_row {
                bus = bottom + BUS_GAP;
            }
            n += 1;
            let k = n;
            draw_number(&mut svg, &mut labels, k, nx, bus - LINE_H - 1);
            for row in group.chunks(per_row) {
                if !first_row && bus <= bottom {
                    bus = bottom + BUS_GAP;
                }
                let top = bus + BUS_DROP;
                let start = if first_row { step_r } else { trunk_x };
                let mut x = att_x;
                let mut last_cx = start;
                let mut row_bottom = top;
                for b in row {
                    let c = b.card(outside, box_w, opts);
                    let cx = x + box_w / 2;
                    svg.wire(&[(cx, bus), (cx, top)], Border::Solid, true);
                    let r = c.draw(&mut svg, x, top);
                    boxes.push(r);
                    row_bottom = row_bottom.max(r.bottom());
                    last_cx = cx;
                    x += box_w + HGAP;
                    relations.push(Relation {
                        order: Some(k),
                        from: step.person.who(opts),
                        to: b.who(opts),
                        label: b.reach(opts),
                    });
                }
                width = width.max(x - HGAP + MARGIN);
                svg.wire(&[(start, bus), (last_cx, bus)], Border::Solid, false);
                if !first_row {
                    svg.wire(&[(trunk_x, bus0), (trunk_x, bus)], Border::Solid, false);
                }
                first_row = false;
                bottom = bottom.max(row_bottom);
                bus = bottom + BUS_GAP;
            }
        }
        prev = Some((step_rect, s, next_k));
        y = bottom + VGAP;
    }
    // The arrow to a step was listed after the step's groups; list by number.
    relations.sort_by_key(|r| r.order);
    let height = (y - VGAP + MARGIN).max(2 * MARGIN);
    let svg = svg.finish(width, height, &opts.title, &opts.desc_or(&relations));
    Diagram {
        svg,
        boxes,
        frames: Vec::new(),
        labels,
        relations,
        size: (width, height),
    }
}
