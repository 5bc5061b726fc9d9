//! `devices`: 2.1.4 情報機器台帳, the device ledger.

use super::{Block, Field, RowName, Shape, Shows, Table};
use crate::model::Device;

pub const BLOCK: Block = Block {
    name: "devices",
    template: "devices.md.j2",
    source: include_str!("../../templates/devices.md.j2"),
    shows: Shows::Table("devices"),
    heading: "2.1.4 情報機器台帳",
    summary: "the device ledger; `columns` picks and orders the columns",
    draw: None,
};

pub const TABLE: Table = Table {
    key: "devices",
    shape: Shape::Rows,
    what: "a device",
    fields: &[
        Field::new("id", "管理番号").required().unique(),
        Field::new("maker", "メーカー").required().wording(),
        Field::new("os", "OS").required(),
        Field::new("software", "ソフトウェア").required().wording(),
        Field::new("version", "ソフトウェアバージョン").required(),
        Field::new("ip", "IPアドレス").required(),
        Field::new("hostname", "コンピュータ名").required(),
        Field::new("location", "設置場所").required().wording(),
        Field::new("users", "主な利用者属性").required().wording(),
        Field::new("registered", "登録日").required(),
        Field::new("status", "状態").required().wording(),
        Field::new("note", "説明").wording(),
        Field::new("system", "システム").refers("systems", &[]),
        Field::new("segment", "ネットワーク"),
        Field::new("esu", "延長セキュリティ更新（ESU）"),
    ],
    row: RowName::Field("id"),
    skip: None,
    exclusive: &[],
    nested: &[],
    wording: false,
    blank: super::row_of::<Device>,
    finish: None,
};
