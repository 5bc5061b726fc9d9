//! 組織体制図 (2.1.2): a tree of boxes, top down, with outside parties.
//!
//! Internal nodes form a tree by `parent` (whom a node reports to): the owner
//! (開設者) at the top, the manager, the 安全管理責任者, the other roles. A
//! node's children hang below it in one row, or in rows indented behind a
//! trunk when one row would be wider than the page. Outside parties
//! (vendors) stand in their own column to the right of the role they serve,
//! with dashed borders and dashed wires. A parent that is missing, unknown
//! or part of a loop makes the node a root; roots stand side by side.

use std::collections::BTreeMap;

use super::svg::Svg;
use super::{
    BOX_W, Border, Card, Child, Diagram, HGAP, LINE_H, MARGIN, NodeState, Options, PAD_Y, Relation,
    TRUNK, VGAP, example_mark, fan_below, pack_rows,
};

/// Inside the pharmacy, or an outside party (vendor, contractor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NodeKind {
    #[default]
    Internal,
    Outside,
}

/// One box of the 組織体制図.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OrgNode {
    /// Unique among the nodes; `parent` refers to it.
    pub id: String,
    /// The role (first line, bold): 開設者, 管理薬剤師, ベンダー名…
    pub title: String,
    /// The holders, "役職 氏名" each, or a vendor's department and phone.
    pub lines: Vec<String>,
    /// Whom this node reports to (internal) or serves (outside).
    pub parent: Option<String>,
    pub kind: NodeKind,
    pub state: NodeState,
}

/// A laid-out subtree, relative to its own top-left corner.
struct Laid {
    w: i32,
    h: i32,
    /// x of the centre of the subtree's root box.
    anchor: i32,
    boxes: Vec<(usize, i32, i32)>,
    wires: Vec<(Vec<(i32, i32)>, Border)>,
}

impl Laid {
    fn put(&mut self, other: Laid, dx: i32, dy: i32) {
        self.boxes
            .extend(other.boxes.into_iter().map(|(i, x, y)| (i, x + dx, y + dy)));
        self.wires.extend(
            other
                .wires
                .into_iter()
                .map(|(pts, b)| (pts.into_iter().map(|(x, y)| (x + dx, y + dy)).collect(), b)),
        );
    }
}

struct Tree<'a> {
    cards: Vec<Card>,
    children: Vec<Vec<usize>>,
    sidecars: Vec<Vec<usize>>,
    nodes: &'a [OrgNode],
}

/// Gap between stacked outside parties.
const STACK_GAP: i32 = 12;

impl Tree<'_> {
    fn lay(&self, i: usize, avail: i32) -> Laid {
        let card_h = self.cards[i].h();
        let mut laid = Laid {
            w: BOX_W,
            h: card_h,
            anchor: BOX_W / 2,
            boxes: vec![(i, 0, 0)],
            wires: Vec::new(),
        };
        // Outside parties in a column to the right, joined by a dashed comb;
        // where two columns do not fit (a phone), in a column below the
        // role, indented, with the comb and the wire to the role's own
        // children on its left.
        let attach = PAD_Y + LINE_H / 2;
        let below = !self.sidecars[i].is_empty() && BOX_W + HGAP + BOX_W > avail;
        let (side_x, comb_x, top, from) = if below {
            (
                2 * TRUNK,
                3 * TRUNK / 2,
                card_h + STACK_GAP,
                (3 * TRUNK / 2, card_h),
            )
        } else {
            (BOX_W + HGAP, BOX_W + HGAP / 2, 0, (BOX_W, attach))
        };
        let mut y = top;
        for &s in &self.sidecars[i] {
            laid.boxes.push((s, side_x, y));
            let mut wire = vec![from];
            if !below {
                wire.push((comb_x, attach));
            }
            wire.extend([(comb_x, y + attach), (side_x, y + attach)]);
            laid.wires.push((wire, Border::Dashed));
            y += self.cards[s].h() + STACK_GAP;
            laid.w = side_x + BOX_W;
            laid.h = laid.h.max(y - STACK_GAP);
        }
        if self.children[i].is_empty() {
            return laid;
        }
        let kids: Vec<Laid> = self.children[i]
            .iter()
            .map(|&c| self.lay(c, avail - TRUNK))
            .collect();
        let sizes: Vec<Child> = kids
            .iter()
            .map(|k| Child {
                w: k.w,
                h: k.h,
                anchor: k.anchor,
            })
            .collect();
        // Below stacked vendors the wire leaves at the left, along the trunk,
        // and every child takes a row of its own (no room beside them).
        let (px, fan_avail) = if below {
            (TRUNK / 2, 0)
        } else {
            (BOX_W / 2, avail)
        };
        let fan = fan_below(laid.w, laid.h, px, card_h, &sizes, fan_avail);
        let mut out = Laid {
            w: fan.w,
            h: fan.h,
            anchor: fan.parent_x + BOX_W / 2,
            boxes: Vec::new(),
            wires: Vec::new(),
        };
        let px = fan.parent_x;
        out.put(laid, px, 0);
        for line in fan.lines.into_iter().chain(fan.drops) {
            out.wires.push((line, Border::Solid));
        }
        for (k, (x, y)) in kids.into_iter().zip(fan.pos) {
            out.put(k, x, y);
        }
        out
    }
}

fn node_text(n: &OrgNode, missing: &str) -> String {
    let mut parts = vec![n.title.as_str()];
    parts.extend(n.lines.iter().map(String::as_str));
    if n.state == NodeState::Missing {
        parts.push(missing);
    }
    parts.join(" ")
}

/// Draws the 組織体制図 of `nodes` (in their order: siblings left to right).
pub fn org_chart(nodes: &[OrgNode], opts: &Options) -> Diagram {
    let labels = &opts.labels;
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, n) in nodes.iter().enumerate() {
        index.entry(n.id.as_str()).or_insert(i);
    }
    let internal = |i: usize| nodes[i].kind == NodeKind::Internal;
    let mut parent: Vec<Option<usize>> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let p = *index.get(n.parent.as_deref()?)?;
            (p != i && internal(p)).then_some(p)
        })
        .collect();
    // Break loops among the internal nodes: a node whose chain of parents
    // comes back to itself becomes a root.
    for i in 0..nodes.len() {
        let mut at = parent[i];
        for _ in 0..nodes.len() {
            match at {
                Some(p) if p == i => {
                    parent[i] = None;
                    break;
                }
                Some(p) => at = parent[p],
                None => break,
            }
        }
    }
    let mut children = vec![Vec::new(); nodes.len()];
    let mut sidecars = vec![Vec::new(); nodes.len()];
    let mut roots = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        match (parent[i], n.kind) {
            (Some(p), NodeKind::Internal) => children[p].push(i),
            (Some(p), NodeKind::Outside) => sidecars[p].push(i),
            (None, _) => roots.push(i),
        }
    }
    let cards: Vec<Card> = nodes
        .iter()
        .map(|n| {
            let mut body = n.lines.clone();
            let border = if n.state == NodeState::Missing {
                body.push(labels.missing.clone());
                Border::Dotted
            } else if n.kind == NodeKind::Outside {
                Border::Dashed
            } else {
                Border::Solid
            };
            Card::new(&n.title, &body, border, BOX_W)
        })
        .collect();
    let tree = Tree {
        cards,
        children,
        sidecars,
        nodes,
    };

    let mut svg = Svg::new(&opts.id_prefix);
    let mut label_rects = Vec::new();
    let show_example = nodes.iter().any(|n| n.state == NodeState::Example);
    let top = example_mark(&mut svg, &mut label_rects, &labels.example, show_example);
    let avail = opts.max_width - 2 * MARGIN;
    let blocks: Vec<Laid> = roots.iter().map(|&r| tree.lay(r, avail)).collect();
    let widths: Vec<i32> = blocks.iter().map(|b| b.w).collect();
    let rows = pack_rows(&widths, avail, HGAP * 2);
    let mut all = Laid {
        w: 0,
        h: 0,
        anchor: 0,
        boxes: Vec::new(),
        wires: Vec::new(),
    };
    let mut blocks: Vec<Option<Laid>> = blocks.into_iter().map(Some).collect();
    let mut y = top;
    for row in &rows {
        let mut x = MARGIN;
        let mut row_h = 0;
        for &b in row {
            if let Some(block) = blocks[b].take() {
                let (w, h) = (block.w, block.h);
                all.put(block, x, y);
                x += w + HGAP * 2;
                row_h = row_h.max(h);
            }
        }
        all.w = all.w.max(x - HGAP * 2 + MARGIN);
        y += row_h + VGAP;
    }
    let height = if rows.is_empty() {
        top + MARGIN
    } else {
        y - VGAP + MARGIN
    };
    let width = all.w.max(2 * MARGIN + BOX_W);

    for (pts, border) in &all.wires {
        svg.wire(pts, *border, false);
    }
    let mut boxes = Vec::new();
    for &(i, x, y) in &all.boxes {
        boxes.push(tree.cards[i].draw(&mut svg, x, y));
    }

    let mut relations = Vec::new();
    for (i, n) in tree.nodes.iter().enumerate() {
        if let Some(p) = parent[i] {
            relations.push(Relation {
                order: None,
                from: node_text(&nodes[p], &labels.missing),
                to: node_text(n, &labels.missing),
                label: if n.kind == NodeKind::Outside {
                    labels.outside.clone()
                } else {
                    String::new()
                },
            });
        }
    }
    let svg = svg.finish(width, height, &opts.title, &opts.desc_or(&relations));
    Diagram {
        svg,
        boxes,
        frames: Vec::new(),
        labels: label_rects,
        relations,
        size: (width, height),
    }
}
