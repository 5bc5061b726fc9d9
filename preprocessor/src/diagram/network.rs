//! ネットワーク・システム構成図 (2.1.5): lines, router/UTM, segments, devices.
//!
//! The internet line(s) stand in a row at the top, joined to the router/UTM
//! below them; the network segments hang below the router side by side (in
//! rows behind a trunk when they do not fit), each a frame headed by its
//! name and range with its devices stacked inside. Devices that belong to no
//! segment go into a last, dotted 所属不明 group that nothing connects to.

use std::net::Ipv4Addr;

use super::svg::Svg;
use super::text::{LINE_H, wrap_balanced};
use super::{
    BOX_W, Border, Card, Child, Diagram, HGAP, MARGIN, NodeState, Options, PAD_X, PAD_Y, Rect,
    Relation, VGAP, box_w_for, example_mark, fan_below, pack_rows,
};

/// A line or the router/UTM: a title and lines below it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NetBox {
    /// インターネット（光回線）, オンライン資格確認 IP-VPN, UTM…
    pub title: String,
    /// Carrier, model, address…
    pub lines: Vec<String>,
    pub state: NodeState,
}

/// A network segment: 職員LAN, Wi-Fi, オンライン資格確認 回線, 保守用VPN.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Segment {
    /// Unique among the segments; a device may name it.
    pub name: String,
    /// IPv4 range in CIDR notation, e.g. `192.168.1.0/24`.
    pub range: Option<String>,
    /// What it is for (有線・業務用), drawn under the range.
    pub note: Option<String>,
    pub state: NodeState,
}

/// A device of the 情報機器台帳 (2.1.4).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Device {
    /// 管理番号.
    pub number: String,
    /// Hostname (コンピュータ名) or kind of device.
    pub name: String,
    /// IPv4 address as entered; `DHCP` or empty is fine.
    pub ip: Option<String>,
    /// The segment's name, when entered; else found by `ip`.
    pub segment: Option<String>,
    pub state: NodeState,
}

/// What [`network`] draws.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NetworkInput {
    /// Internet and other outside lines, left to right.
    pub lines: Vec<NetBox>,
    /// The router/UTM; `None` is drawn as missing.
    pub gateway: Option<NetBox>,
    pub segments: Vec<Segment>,
    pub devices: Vec<Device>,
}

/// An IPv4 address, also written with a prefix (`192.168.1.10/24`).
pub fn parse_ipv4(text: &str) -> Option<Ipv4Addr> {
    let text = text.trim();
    let addr = text.split_once('/').map_or(text, |(a, _)| a);
    addr.trim().parse().ok()
}

/// A CIDR range (`192.168.1.0/24`) as its network address and prefix
/// length; a bare address is a /32.
pub fn parse_cidr(text: &str) -> Option<(Ipv4Addr, u8)> {
    let text = text.trim();
    let (addr, len) = match text.split_once('/') {
        Some((a, l)) => (
            a.trim().parse::<Ipv4Addr>().ok()?,
            l.trim().parse::<u8>().ok()?,
        ),
        None => (text.parse::<Ipv4Addr>().ok()?, 32),
    };
    if len > 32 {
        return None;
    }
    let mask = u32::MAX.checked_shl(32 - u32::from(len)).unwrap_or(0);
    Some((Ipv4Addr::from(u32::from(addr) & mask), len))
}

/// True when `ip` lies in `range`.
fn in_range(ip: Ipv4Addr, (net, len): (Ipv4Addr, u8)) -> bool {
    let mask = u32::MAX.checked_shl(32 - u32::from(len)).unwrap_or(0);
    u32::from(ip) & mask == u32::from(net)
}

/// The segment a device belongs to: the one it names (by exact name after
/// trimming), else the one whose range holds its IPv4 address (the longest
/// prefix wins; on a tie the first). `None`: 所属不明.
pub fn assign_segment(device: &Device, segments: &[Segment]) -> Option<usize> {
    if let Some(name) = device.segment.as_deref().map(str::trim)
        && let Some(i) = segments.iter().position(|s| s.name.trim() == name)
    {
        return Some(i);
    }
    let ip = parse_ipv4(device.ip.as_deref()?)?;
    let mut best: Option<(usize, u8)> = None;
    for (i, s) in segments.iter().enumerate() {
        let Some(range) = s.range.as_deref().and_then(parse_cidr) else {
            continue;
        };
        if in_range(ip, range) && best.is_none_or(|(_, len)| range.1 > len) {
            best = Some((i, range.1));
        }
    }
    best.map(|(i, _)| i)
}

/// Padding between a frame and the devices inside it.
const FRAME_PAD: i32 = 8;
/// Width of a device box inside a frame.
const DEV_W: i32 = BOX_W - 2 * FRAME_PAD;
/// Gap between stacked devices.
const DEV_GAP: i32 = 8;
/// Gap between columns of devices in one frame.
const DEV_HGAP: i32 = 16;
/// A segment with more devices than this per column gets another column
/// where the width allows.
const ROWS_WANTED: usize = 4;

/// How many columns of devices each segment's frame gets: one each, and
/// the width left over given, a column at a time, to the tallest frame.
fn columns(counts: &[usize], avail: i32) -> Vec<usize> {
    let n = counts.len() as i32;
    let mut cols = vec![1usize; counts.len()];
    let mut spare = (avail - n * BOX_W - (n - 1).max(0) * HGAP).max(0) / (DEV_W + DEV_HGAP);
    while spare > 0 {
        let rows = |i: usize| counts[i].div_ceil(cols[i]);
        let Some(i) = (0..counts.len())
            .filter(|&i| rows(i) > ROWS_WANTED)
            .max_by_key(|&i| (rows(i), std::cmp::Reverse(i)))
        else {
            break;
        };
        cols[i] += 1;
        spare -= 1;
    }
    cols
}

fn device_card(d: &Device, missing: &str) -> Card {
    let ip = d.ip.as_deref().map(str::trim).unwrap_or_default();
    let mut body = vec![d.name.clone()];
    let mut border = Border::Solid;
    if ip.is_empty() {
        body.push(format!("IP {missing}"));
        border = Border::Dotted;
    } else {
        body.push(ip.to_string());
    }
    if d.state == NodeState::Missing {
        border = Border::Dotted;
    }
    Card::new(&d.number, &body, border, DEV_W)
}

fn net_card(b: &NetBox, missing: &str, w: i32) -> Card {
    let mut body = b.lines.clone();
    let border = if b.state == NodeState::Missing {
        body.push(missing.to_string());
        Border::Dotted
    } else {
        Border::Solid
    };
    Card::new(&b.title, &body, border, w)
}

/// A segment frame: header lines and device cards, all relative to (0, 0).
struct Frame {
    header: Vec<(String, bool)>,
    /// Each device's card and its place inside the frame.
    devices: Vec<(usize, Card, i32, i32)>,
    border: Border,
    w: i32,
    h: i32,
}

impl Frame {
    /// A frame of `cols` columns of devices, filled row by row.
    fn new(
        header: Vec<(String, bool)>,
        devices: Vec<(usize, Card)>,
        border: Border,
        cols: usize,
    ) -> Frame {
        let cols = cols.max(1);
        let mut y = PAD_Y + header.len() as i32 * LINE_H + DEV_GAP;
        let mut placed = Vec::new();
        let mut devices = devices.into_iter().peekable();
        while devices.peek().is_some() {
            let row: Vec<(usize, Card)> = devices.by_ref().take(cols).collect();
            let row_h = row.iter().map(|(_, c)| c.h()).max().unwrap_or(0);
            for (k, (i, c)) in row.into_iter().enumerate() {
                placed.push((i, c, FRAME_PAD + k as i32 * (DEV_W + DEV_HGAP), y));
            }
            y += row_h + DEV_GAP;
        }
        Frame {
            header,
            devices: placed,
            border,
            w: cols as i32 * (DEV_W + DEV_HGAP) - DEV_HGAP + 2 * FRAME_PAD,
            h: y - DEV_GAP + FRAME_PAD,
        }
    }

    fn draw(&self, svg: &mut Svg, x: i32, y: i32, out: &mut Drawn) {
        let frame = Rect::new(x, y, self.w, self.h);
        svg.rect(frame, "frame", self.border);
        out.frames.push(frame);
        let label = Rect::new(
            x + PAD_X,
            y + PAD_Y,
            self.w - 2 * PAD_X,
            self.header.len() as i32 * LINE_H,
        );
        svg.lines_in(Rect::new(x, y, self.w, self.h), PAD_Y, &self.header);
        out.labels.push(label);
        for (_, c, dx, dy) in &self.devices {
            out.boxes.push(c.draw(svg, x + dx, y + dy));
        }
    }
}

#[derive(Default)]
struct Drawn {
    boxes: Vec<Rect>,
    frames: Vec<Rect>,
    labels: Vec<Rect>,
}

/// Draws the ネットワーク・システム構成図.
pub fn network(input: &NetworkInput, opts: &Options) -> Diagram {
    let l = &opts.labels;
    let inner = BOX_W - 2 * PAD_X;
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); input.segments.len()];
    let mut unknown = Vec::new();
    for (i, d) in input.devices.iter().enumerate() {
        match assign_segment(d, &input.segments) {
            Some(s) => members[s].push(i),
            None => unknown.push(i),
        }
    }
    let avail = opts.max_width - 2 * MARGIN;
    let counts: Vec<usize> = members.iter().map(Vec::len).collect();
    let cols = columns(&counts, avail);
    let frames: Vec<Frame> = input
        .segments
        .iter()
        .zip(&members)
        .zip(&cols)
        .map(|((s, m), &cols)| {
            let mut header: Vec<(String, bool)> = wrap_balanced(&s.name, inner)
                .into_iter()
                .map(|t| (t, true))
                .collect();
            let range = s.range.as_deref().map(str::trim).unwrap_or_default();
            let range = if range.is_empty() { &l.missing } else { range };
            header.extend(wrap_balanced(range, inner).into_iter().map(|t| (t, false)));
            if let Some(note) = s.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                header.extend(wrap_balanced(note, inner).into_iter().map(|t| (t, false)));
            }
            let border = if s.state == NodeState::Missing || range == l.missing {
                Border::Dotted
            } else {
                Border::Solid
            };
            let cards = m
                .iter()
                .map(|&i| (i, device_card(&input.devices[i], &l.missing)))
                .collect();
            Frame::new(header, cards, border, cols)
        })
        .collect();

    let mut svg = Svg::new(&opts.id_prefix);
    let mut drawn = Drawn::default();
    let any_example = input
        .lines
        .iter()
        .map(|b| b.state)
        .chain(input.gateway.iter().map(|g| g.state))
        .chain(input.segments.iter().map(|s| s.state))
        .chain(input.devices.iter().map(|d| d.state))
        .any(|s| s == NodeState::Example);
    let top = example_mark(&mut svg, &mut drawn.labels, &l.example, any_example);

    // Lines: one row, joined to the gateway by a bus; narrower boxes where
    // they do not fit side by side (the phone layout).
    let line_w = box_w_for(input.lines.len() as i32, HGAP, avail);
    let line_cards: Vec<Card> = input
        .lines
        .iter()
        .map(|b| net_card(b, &l.missing, line_w))
        .collect();
    let line_h = line_cards.iter().map(Card::h).max().unwrap_or(0);
    let lines_w = (line_w + HGAP) * line_cards.len() as i32 - HGAP;
    let gateway = input.gateway.clone().unwrap_or_else(|| NetBox {
        title: l.gateway.clone(),
        lines: Vec::new(),
        state: NodeState::Missing,
    });
    let gw_card = net_card(&gateway, &l.missing, BOX_W);
    let gw_h = gw_card.h();
    let kids: Vec<Child> = frames
        .iter()
        .map(|f| Child {
            w: f.w,
            h: f.h,
            anchor: f.w / 2,
        })
        .collect();
    let fan = fan_below(BOX_W, gw_h, BOX_W / 2, gw_h, &kids, avail);
    // Centre the lines over the gateway where there is room to its left.
    let gw_cx = fan.parent_x + BOX_W / 2;
    let lines_dx = (gw_cx - lines_w / 2).max(0);
    let x0 = MARGIN;
    let gw_y = if line_cards.is_empty() {
        top
    } else {
        top + line_h + VGAP
    };
    let fx = x0;

    let mut relations = Vec::new();
    let gw_top = (fx + gw_cx, gw_y);
    let bus = gw_y - VGAP / 2;
    for (k, c) in line_cards.iter().enumerate() {
        let x = x0 + lines_dx + k as i32 * (line_w + HGAP);
        let r = c.draw(&mut svg, x, top);
        drawn.boxes.push(r);
        let cx = x + line_w / 2;
        svg.wire(
            &[(cx, r.bottom()), (cx, bus), (gw_top.0, bus), gw_top],
            Border::Solid,
            false,
        );
        relations.push(Relation {
            order: None,
            from: input.lines[k].title.clone(),
            to: gateway.title.clone(),
            label: String::new(),
        });
    }
    let mut width = x0 + lines_dx + lines_w.max(0) + MARGIN;
    drawn
        .boxes
        .push(gw_card.draw(&mut svg, fx + fan.parent_x, gw_y));
    for line in fan.lines.iter().chain(&fan.drops) {
        let pts: Vec<(i32, i32)> = line.iter().map(|&(x, y)| (x + fx, y + gw_y)).collect();
        svg.wire(&pts, Border::Solid, false);
    }
    for ((f, &(x, y)), (s, m)) in frames
        .iter()
        .zip(&fan.pos)
        .zip(input.segments.iter().zip(&members))
    {
        f.draw(&mut svg, fx + x, gw_y + y, &mut drawn);
        let range = s.range.as_deref().unwrap_or_default();
        relations.push(Relation {
            order: None,
            from: gateway.title.clone(),
            to: s.name.clone(),
            label: range.to_string(),
        });
        for &i in m {
            relations.push(device_relation(&s.name, &input.devices[i], &l.missing));
        }
    }
    width = width.max(fx + fan.w + MARGIN);
    let mut bottom = gw_y + fan.h;

    // Devices of no segment: a dotted frame, its devices in rows.
    if !unknown.is_empty() {
        let title = format!("{}（{}）", l.unknown_segment, l.missing);
        let header = wrap_balanced(&title, avail - 2 * PAD_X)
            .into_iter()
            .map(|t| (t, true))
            .collect::<Vec<_>>();
        let cards: Vec<Card> = unknown
            .iter()
            .map(|&i| device_card(&input.devices[i], &l.missing))
            .collect();
        let per_row = pack_rows(&vec![DEV_W; cards.len()], avail - 2 * FRAME_PAD, HGAP);
        let y0 = bottom + VGAP;
        let mut y = y0 + PAD_Y + header.len() as i32 * LINE_H + DEV_GAP;
        let mut frame_w = 0;
        let mut rects = Vec::new();
        for row in &per_row {
            let mut x = x0 + FRAME_PAD;
            let mut row_h = 0;
            for &k in row {
                rects.push((k, x, y));
                row_h = row_h.max(cards[k].h());
                x += DEV_W + HGAP;
            }
            frame_w = frame_w.max(x - HGAP + FRAME_PAD - x0);
            y += row_h + DEV_GAP;
        }
        let frame = Rect::new(x0, y0, frame_w.max(BOX_W), y - DEV_GAP + FRAME_PAD - y0);
        svg.rect(frame, "frame", Border::Dotted);
        drawn.frames.push(frame);
        svg.lines_in(Rect::new(x0, y0, frame.w, frame.h), PAD_Y, &header);
        drawn.labels.push(Rect::new(
            x0 + PAD_X,
            y0 + PAD_Y,
            frame.w - 2 * PAD_X,
            header.len() as i32 * LINE_H,
        ));
        for (k, x, y) in rects {
            drawn.boxes.push(cards[k].draw(&mut svg, x, y));
            relations.push(device_relation(
                &l.unknown_segment,
                &input.devices[unknown[k]],
                &l.missing,
            ));
        }
        width = width.max(frame.right() + MARGIN);
        bottom = frame.bottom();
    }
    let height = bottom + MARGIN;
    let svg = svg.finish(width, height, &opts.title, &opts.desc_or(&relations));
    Diagram {
        svg,
        boxes: drawn.boxes,
        frames: drawn.frames,
        labels: drawn.labels,
        relations,
        size: (width, height),
    }
}

fn device_relation(segment: &str, d: &Device, missing: &str) -> Relation {
    let ip = d.ip.as_deref().map(str::trim).unwrap_or_default();
    Relation {
        order: None,
        from: segment.to_string(),
        to: format!("{} {}", d.number, d.name),
        label: if ip.is_empty() {
            format!("IP {missing}")
        } else {
            ip.to_string()
        },
    }
}

#[cfg(test)]
mod column_tests {
    use super::*;

    #[test]
    fn the_tallest_segment_gets_the_spare_width() {
        // Room for two frames and two more columns.
        let avail = 2 * BOX_W + HGAP + 2 * (DEV_W + DEV_HGAP);
        assert_eq!(columns(&[10, 2], avail), [3, 1]);
        assert_eq!(
            columns(&[3, 2], avail),
            [1, 1],
            "short frames stay one column"
        );
        assert_eq!(columns(&[10, 2], BOX_W), [1, 1], "no room: one column");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(name: &str, range: &str) -> Segment {
        Segment {
            name: name.into(),
            range: Some(range.into()),
            note: None,
            state: NodeState::Filled,
        }
    }

    fn dev(ip: &str, segment: Option<&str>) -> Device {
        Device {
            number: "PC-01".into(),
            name: "受付PC".into(),
            ip: Some(ip.into()),
            segment: segment.map(String::from),
            state: NodeState::Filled,
        }
    }

    #[test]
    fn cidr_parses_and_masks() {
        assert_eq!(
            parse_cidr("192.168.1.77/24"),
            Some((Ipv4Addr::new(192, 168, 1, 0), 24))
        );
        assert_eq!(
            parse_cidr(" 10.0.0.1 "),
            Some((Ipv4Addr::new(10, 0, 0, 1), 32))
        );
        assert_eq!(
            parse_cidr("0.0.0.0/0"),
            Some((Ipv4Addr::new(0, 0, 0, 0), 0))
        );
        assert_eq!(parse_cidr("192.168.1.0/33"), None);
        assert_eq!(parse_cidr("192.168.1/24"), None);
        assert_eq!(parse_cidr("〇〇"), None);
        assert_eq!(
            parse_ipv4("192.168.1.10/24"),
            Some(Ipv4Addr::new(192, 168, 1, 10))
        );
        assert_eq!(parse_ipv4("DHCP"), None);
    }

    #[test]
    fn devices_go_to_the_segment_of_their_address() {
        let segs = [
            seg("職員LAN", "192.168.1.0/24"),
            seg("Wi-Fi", "192.168.10.0/24"),
            seg("全体", "192.168.0.0/16"),
            seg("保守用VPN", "10.8.0.0/24"),
        ];
        assert_eq!(assign_segment(&dev("192.168.1.10", None), &segs), Some(0));
        assert_eq!(assign_segment(&dev("192.168.10.3", None), &segs), Some(1));
        // The longest prefix wins over an earlier, wider range.
        assert_eq!(assign_segment(&dev("192.168.5.3", None), &segs), Some(2));
        assert_eq!(assign_segment(&dev("10.8.0.9", None), &segs), Some(3));
        assert_eq!(assign_segment(&dev("172.16.0.1", None), &segs), None);
        assert_eq!(assign_segment(&dev("", None), &segs), None);
        assert_eq!(assign_segment(&dev("DHCP", None), &segs), None);
        // A named segment wins over the address; an unknown name falls back.
        assert_eq!(
            assign_segment(&dev("192.168.1.10", Some("保守用VPN")), &segs),
            Some(3)
        );
        assert_eq!(
            assign_segment(&dev("192.168.1.10", Some("存在しない")), &segs),
            Some(0)
        );
    }
}
