//! `network`: 2.1.5 ネットワーク・システム構成図, the lines, the router and
//! the segments of `[network]`, and each device of the 2.1.4 ledger in its
//! segment (by its `segment`, else by its IP address and a segment's range).

use serde_json::Value;

use crate::messages;

use super::figure::{self, Words, filled};
use super::{Block, Field, Nested, RowName, Shape, Shows, Table};
use crate::diagram::{self, NetBox, NetworkInput, Segment, network};
use crate::model::{NetLine, NetSegment, Network};

pub const BLOCK: Block = Block {
    name: "network",
    template: "network.html.j2",
    source: include_str!("../../templates/network.html.j2"),
    shows: Shows::Figure(&["network"]),
    heading: "2.1.5 ネットワーク・システム構成図",
    summary: "the network diagram: lines, router, segments and the devices in each",
    draw: Some(draw),
};

/// `[network]`: the router and the lists of lines and segments.
pub const TABLE: Table = Table {
    key: "network",
    shape: Shape::Single,
    what: "the network: `router`, `[[network.lines]]`, `[[network.segments]]`",
    fields: &[
        Field::new("router", "ルーター/UTM").wording(),
        Field::new("router_note", "ルーターの説明"),
    ],
    row: RowName::Key,
    skip: None,
    exclusive: &[],
    nested: &[
        Nested {
            key: "lines",
            table: &LINES,
        },
        Nested {
            key: "segments",
            table: &SEGMENTS,
        },
    ],
    wording: false,
    blank: super::row_of::<Network>,
    finish: None,
};

/// An outside line.
pub const LINES: Table = Table {
    key: "lines",
    shape: Shape::Rows,
    what: "an outside line",
    fields: &[
        Field::new("name", "回線").required().wording(),
        Field::new("note", "回線の説明").wording(),
    ],
    row: RowName::Number,
    skip: None,
    exclusive: &[],
    nested: &[],
    wording: false,
    blank: super::row_of::<NetLine>,
    finish: None,
};

/// A network segment.
pub const SEGMENTS: Table = Table {
    key: "segments",
    shape: Shape::Rows,
    what: "a network segment",
    fields: &[
        Field::new("name", "ネットワーク").required().wording(),
        Field::new("range", "アドレス範囲"),
        Field::new("note", "ネットワークの説明").wording(),
    ],
    row: RowName::Number,
    skip: None,
    exclusive: &[],
    nested: &[],
    wording: false,
    blank: super::row_of::<NetSegment>,
    finish: None,
};

fn draw(data: &Value, w: &Words) -> String {
    let input = input(data, w);
    figure::html("bcp-network", &w.tr(messages::FIG_NETWORK), w, |o| {
        network(&input, o)
    })
}

/// The diagram's input from the context.
pub fn input(data: &Value, w: &Words) -> NetworkInput {
    let net = &data["network"];
    let text = |v: &Value| v.as_str().map(str::trim).unwrap_or("").to_string();
    let list = |key: &str| net[key].as_array().cloned().unwrap_or_default();
    NetworkInput {
        lines: list("lines")
            .iter()
            .map(|l| NetBox {
                title: w.value(&l["name"], messages::FIG_BLANK_LINE),
                lines: [text(&l["note"])]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect(),
                state: w.state(filled(&l["name"])),
            })
            .collect(),
        gateway: filled(&net["router"]).then(|| NetBox {
            title: text(&net["router"]),
            lines: [text(&net["router_note"])]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect(),
            state: w.state(true),
        }),
        segments: list("segments")
            .iter()
            .map(|s| Segment {
                name: w.value(&s["name"], messages::FIG_BLANK),
                range: s["range"].as_str().map(String::from),
                note: s["note"].as_str().map(String::from),
                state: w.state(filled(&s["name"])),
            })
            .collect(),
        devices: data["devices"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|d| {
                // 「調剤室 SKR-YK01」: where it is and its name, once.
                let (place, host) = (text(&d["location"]), text(&d["hostname"]));
                let name = if host.contains(&place) || place.is_empty() {
                    host
                } else if host.is_empty() {
                    place
                } else {
                    format!("{place} {host}")
                };
                diagram::Device {
                    number: w.value(&d["id"], messages::FIG_BLANK),
                    name,
                    ip: d["ip"].as_str().map(String::from),
                    segment: d["segment"].as_str().map(String::from),
                    state: w.state(filled(&d["ip"]) || filled(&d["segment"])),
                }
            })
            .collect(),
    }
}
