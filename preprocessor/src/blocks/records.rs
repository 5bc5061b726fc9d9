//! The records other blocks show and refer to: the organization itself,
//! its people, outside bodies, trainings, and the book's words.

use super::{Example, Field, RowName, Shape, Table};
use crate::model::{Org, Organization, Person};

/// `[organization]`: the pharmacy or clinic whose plan this is.
pub const ORGANIZATION: Table = Table {
    key: "organization",
    shape: Shape::Single,
    what: "the pharmacy or clinic",
    fields: &[
        Field::new("name", "名称").required(),
        Field::new("address", "所在地")
            .example(Example::Value("\"〒000-0000 〇〇県〇〇市〇〇 1-2-3\"")),
        Field::new("phone", "電話番号").example(Example::Value("\"00-0000-0000\"")),
        Field::new("email", "メールアドレス").example(Example::Value("\"info@example.jp\"")),
        Field::new("adopted", "策定日").required(),
        Field::new("revised", "改訂日").example(Example::Value("2026-04-01")),
        Field::new("reviewed", "最終見直し日").example(Example::Value("2026-04-01")),
        Field::new("version", "版").example(Example::Value("\"1.0\"")),
        Field::new("as_of", "点検の基準日"),
        Field::new("owner", "開設者")
            .refers("people", &[])
            .example(Example::Ref),
        Field::new("backup_wording", "バックアップの書き方"),
    ],
    row: RowName::Key,
    skip: None,
    exclusive: &[],
    nested: &[],
    wording: false,
    blank: super::blank_of::<Organization>,
    finish: None,
};

/// `[people.ID]`: staff.
pub const PEOPLE: Table = Table {
    key: "people",
    shape: Shape::Keyed,
    what: "a member of staff",
    fields: &[
        Field::new("name", "氏名"),
        Field::new("title", "役職名").wording(),
        Field::new("department", "所属").wording(),
        Field::new("phone", "電話番号"),
        Field::new("email", "メールアドレス"),
    ],
    row: RowName::Key,
    skip: None,
    exclusive: &[],
    nested: &[],
    wording: false,
    blank: super::blank_of::<Person>,
    finish: None,
};

/// `[orgs.ID]`: vendors, contractors, associations, police, ministries.
pub const ORGS: Table = Table {
    key: "orgs",
    shape: Shape::Keyed,
    what: "an outside body",
    fields: &[
        Field::new("name", "名称"),
        Field::new("department", "担当").wording(),
        Field::new("person", "担当者"),
        Field::new("phone", "電話番号"),
        Field::new("phone_note", "電話番号の注記").wording(),
        Field::new("email", "メールアドレス"),
        Field::new("url", "URL").url(),
        Field::new("kind", "種類"),
    ],
    row: RowName::Key,
    skip: None,
    exclusive: &[],
    nested: &[],
    wording: false,
    blank: super::blank_of::<Org>,
    finish: None,
};

/// `[labels]`: words the blocks print that differ between templates.
pub const LABELS: Table = Table {
    key: "labels",
    shape: Shape::Words,
    what: "a word",
    fields: &[],
    row: RowName::Key,
    skip: None,
    exclusive: &[],
    nested: &[],
    wording: false,
    blank: || serde_json::Value::Null,
    finish: None,
};
