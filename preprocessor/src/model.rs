//! The plan's data: typed records read from the TOML files under `data/`.
//!
//! A fact is entered once. People, outside organisations, systems and roles
//! live in tables keyed by id (`[people.kanri]`); every other record refers to
//! them by that id, so a changed phone number changes every table that shows it.
//! Optional fields that are absent are "still to be filled in": the template
//! edition prints the seed's placeholder there, the plan edition flags it.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::date::Date;

/// An id that refers to an entry of a keyed table, with its place in the file.
pub type Ref = Spanned<String>;

/// Everything one data file may hold. All files under `data/` are merged.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Data {
    /// The pharmacy or clinic itself.
    #[serde(default)]
    pub organization: Option<Organization>,
    /// Staff, keyed by id.
    #[serde(default)]
    pub people: IndexMap<String, Person>,
    /// Outside bodies: vendors, contractors, associations, police, ministries.
    #[serde(default)]
    pub orgs: IndexMap<String, Org>,
    /// Information systems, keyed by id.
    #[serde(default)]
    pub systems: IndexMap<String, System>,
    /// Roles of 2.1.3, keyed by id.
    #[serde(default)]
    pub roles: IndexMap<String, Role>,
    /// 1.2 基本方針.
    #[serde(default)]
    pub policies: Vec<String>,
    /// 1.4.1 想定する事象.
    #[serde(default)]
    pub events: Vec<String>,
    /// 1.4.2 備えるべき脅威.
    #[serde(default)]
    pub threats: Vec<Threat>,
    /// 1.4.3 情報セキュリティ被害想定.
    #[serde(default)]
    pub damages: Vec<Damage>,
    /// 2.1.4 情報機器台帳.
    #[serde(default)]
    pub devices: Vec<Device>,
    /// 2.2.2 重要関係先連絡リスト.
    #[serde(default)]
    pub contacts: Vec<ContactRow>,
    /// 2.2.4 training sessions held.
    #[serde(default)]
    pub trainings: Vec<Training>,
    /// 2.2.5 バックアップの作成と復旧方法.
    #[serde(default)]
    pub backups: Vec<Backup>,
    /// 2.3.2 事業継続戦略.
    #[serde(default)]
    pub strategies: Vec<Strategy>,
    /// 2.3.3 有事において優先すべき業務.
    #[serde(default)]
    pub priorities: Vec<Priority>,
    /// 2.3.4 業務内容に対する代替手段.
    #[serde(default)]
    pub fallbacks: Vec<Fallback>,
    /// 2.4 事前対策 (checklist of measures).
    #[serde(default)]
    pub measures: Vec<Measure>,
    /// Findings of `bcp check` accepted for a time, each with its reason.
    #[serde(default)]
    pub accept: Vec<Accept>,
    /// 3.1 部門連絡先一覧.
    #[serde(default)]
    pub departments: Vec<Department>,
    /// 3.3.1 原因調査.
    #[serde(default)]
    pub investigations: Vec<String>,
    /// 資料1 行動・対応の流れ.
    #[serde(default)]
    pub flow: Vec<FlowStep>,
    /// 資料2 作成のステップ.
    #[serde(default)]
    pub steps: Vec<Step>,
    /// 資料3 確認表.
    #[serde(default)]
    pub checks: Vec<CheckGroup>,
    /// 資料5 リンク集.
    #[serde(default)]
    pub links: Vec<Link>,
    /// 2.1.5 ネットワーク・システム構成図: lines, router and segments.
    #[serde(default)]
    pub network: Option<Network>,
    /// Words the blocks print that differ between templates (薬局 / 医療機関 …).
    #[serde(default)]
    pub labels: IndexMap<String, String>,
}

/// The pharmacy (or clinic) whose plan this is.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    pub name: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// 策定日.
    pub adopted: Option<Date>,
    /// 改訂日.
    pub revised: Option<Date>,
    /// 最終見直し日.
    pub reviewed: Option<Date>,
    pub version: Option<String>,
    /// The date the plan's status is judged against (else SOURCE_DATE_EPOCH, else today).
    pub as_of: Option<Date>,
    /// Id in `people` of the owner (開設者).
    pub owner: Option<Ref>,
    /// How the backup section reads when the template offers a one-sentence
    /// alternative to the table (the clinic ひな形's ※ note): `table` or `summary`.
    pub backup_wording: Option<BackupWording>,
}

/// The two wordings a template may offer for its backup section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BackupWording {
    /// The table of systems, frequency, method and restore.
    Table,
    /// The template's one-sentence alternative instead of the table.
    Summary,
}

/// A member of staff.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: Option<String>,
    /// 役職名.
    pub title: Option<String>,
    pub department: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// An outside body: vendor, contractor, association, police, ministry.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Org {
    pub name: Option<String>,
    /// 担当 (department or desk).
    pub department: Option<String>,
    /// Name of the person in charge there.
    pub person: Option<String>,
    pub phone: Option<String>,
    /// Said after the number, e.g. 代表.
    pub phone_note: Option<String>,
    pub email: Option<String>,
    pub url: Option<Spanned<String>>,
    /// vendor, public, association or other.
    pub kind: Option<String>,
}

/// An information system.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct System {
    pub name: Option<String>,
    /// Shorter name for contact lists.
    pub short: Option<String>,
    /// Id in `orgs` of the vendor who maintains it.
    pub vendor: Option<Ref>,
    /// Listed in 1.3 対象範囲.
    #[serde(default = "yes")]
    pub in_scope: bool,
}

fn yes() -> bool {
    true
}

/// A role of 2.1.3 and who holds it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub name: String,
    /// Ids in `people`.
    #[serde(default)]
    pub people: Vec<Ref>,
    /// Ids in `orgs` (for vendor roles).
    #[serde(default)]
    pub orgs: Vec<Ref>,
    pub summary: Option<String>,
    /// "orgs" when the role is held by outside bodies (vendors), else people.
    pub kind: Option<String>,
    /// How many placeholder holders the blank template shows when nobody is named.
    #[serde(default)]
    pub slots: Option<u8>,
    /// Id in `people` of who stands in when the holder cannot be reached.
    pub deputy: Option<Ref>,
    /// Id in `roles` of the role this one reports to (組織体制図).
    pub reports_to: Option<Ref>,
    /// Place in the chain of who tells whom (連絡体制図): 1 first.
    pub escalation: Option<u8>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Threat {
    pub risk: Option<String>,
    pub route: Option<String>,
    pub damage: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Damage {
    pub category: Option<String>,
    pub damage: Option<String>,
    pub factor: Option<String>,
}

/// A row of the device ledger.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Device {
    /// 管理番号.
    pub id: Option<String>,
    pub maker: Option<String>,
    pub os: Option<String>,
    pub software: Option<String>,
    pub version: Option<String>,
    pub ip: Option<String>,
    pub hostname: Option<String>,
    pub location: Option<String>,
    /// 主な利用者属性.
    pub users: Option<String>,
    /// 登録日.
    pub registered: Option<Date>,
    /// 稼働 / 停止.
    pub status: Option<String>,
    pub note: Option<String>,
    /// Id in `systems` this device runs.
    pub system: Option<Ref>,
    /// The network segment it is in (`network.segments` name), when its IP
    /// address does not tell.
    pub segment: Option<String>,
    /// Enrolled in extended security updates (ESU) until this day.
    pub esu: Option<Date>,
}

/// A row of 2.2.2: one of a system (its vendor), a person, or an outside body.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ContactRow {
    /// 関係先 as printed; defaults to the system's short name or the body's name.
    pub label: Option<String>,
    pub system: Option<Ref>,
    pub person: Option<Ref>,
    pub org: Option<Ref>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Training {
    pub date: Date,
    pub title: Option<String>,
    /// Who took part (e.g. 全職員 8名).
    pub participants: Option<String>,
}

/// One backup method of one system.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Backup {
    pub system: Option<Ref>,
    /// システム as printed, when it differs from the system's name.
    pub label: Option<String>,
    pub frequency: Option<String>,
    pub method: Option<String>,
    pub restore: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Strategy {
    pub name: Option<String>,
    pub trigger: Option<String>,
}

/// A task with its priority: A 通常通り実施, B 縮小して実施, C 当面実施しない.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Priority {
    pub level: String,
    pub task: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Fallback {
    pub task: Option<String>,
    pub system: Option<Ref>,
    /// システム as printed, when it differs from the system's name or is equipment.
    pub label: Option<String>,
    pub method: Option<String>,
}

/// A finding of `bcp check` the plan accepts until a date (a device whose
/// replacement is planned, a measure not yet possible), with the reason.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Accept {
    /// The finding's id as `bcp check` prints it.
    pub id: String,
    pub reason: Option<String>,
    pub until: Option<Date>,
}

/// A measure of 2.4 (a checklist item) and its status.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// 番号, e.g. "2-7".
    pub id: String,
    /// 区分, e.g. "体制構築".
    pub group: String,
    pub text: String,
    /// Numbers of the items of the book's MHLW checklist edition this
    /// measure covers (`checklist` in `[preprocessor.bcp]`); printed in red.
    #[serde(default)]
    pub checklist: Vec<String>,
    /// 確認日: the day the item was last checked (editions with that column).
    pub checked: Option<Date>,
    /// Id in `people`.
    pub owner: Option<Ref>,
    pub method: Option<String>,
    pub due: Option<Date>,
    pub done: Option<Date>,
    /// 未着手 / 対応中 / 完了 / 対象外.
    pub status: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Department {
    pub name: Option<String>,
    /// Id in `people`.
    pub person: Option<Ref>,
}

/// A row of 資料1.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FlowStep {
    /// 事前準備 / 初動対応 / 事業継続.
    pub phase: String,
    pub situation: Option<String>,
    #[serde(default)]
    pub action: Vec<String>,
    /// Numbers to call, from `orgs`: "{text}：{phone}".
    #[serde(default)]
    pub call: Vec<Call>,
    pub measure: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Call {
    pub text: String,
    pub org: Ref,
}

/// A row of 資料2.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub step: String,
    pub title: String,
    pub content: String,
}

/// A 大項目 of 資料3 with its checks.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CheckGroup {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub items: Vec<CheckItem>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CheckItem {
    pub text: String,
    /// 未着手 / 対応中 / 完了 / 対象外.
    pub status: Option<Spanned<String>>,
    /// 確認日.
    pub checked: Option<Date>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub title: String,
    /// A second line under the title.
    pub subtitle: Option<String>,
    pub url: Spanned<String>,
}

/// The pharmacy's network (2.1.5): outside lines, the router and segments.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Network {
    /// The router or UTM between the lines and the segments.
    pub router: Option<String>,
    /// Its address or model, printed under it.
    pub router_note: Option<String>,
    #[serde(default)]
    pub lines: Vec<NetLine>,
    #[serde(default)]
    pub segments: Vec<NetSegment>,
}

/// An outside line: インターネット, オンライン資格確認 IP-VPN, 保守用回線.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NetLine {
    pub name: Option<String>,
    /// Carrier, speed.
    pub note: Option<String>,
}

/// A network segment: 職員LAN, Wi-Fi, 保守用VPN.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NetSegment {
    pub name: Option<String>,
    /// IPv4 range in CIDR notation (`192.168.1.0/24`).
    pub range: Option<String>,
    pub note: Option<String>,
}
