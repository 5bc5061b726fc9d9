//! Every message the engine itself prints, defined once: each is a constant
//! used where it is printed, and [`ALL`] lists them for `xgettext`. Field
//! labels come from the block registry ([`crate::blocks::field_labels`]);
//! the templates' own labels are their `_("…")` calls.
//!
//! `{name}` in a message is filled in by the program ([`crate::i18n::Message`]).

macro_rules! messages {
    ($($(#[doc = $doc:literal])* $name:ident = $text:literal;)*) => {
        $( $(#[doc = $doc])* pub const $name: &str = $text; )*
        /// Every message, in the order defined.
        pub const ALL: &[&str] = &[$($name),*];
    };
}

messages! {
    /// The mark of a missing value in the plan edition.
    MISSING = "未記入";
    /// The placeholder of an inline field without its own.
    PLACEHOLDER = "〇〇〇〇";

    /// Print documents (cli/print.rs).
    CONTENTS = "目次";
    /// Where the organization is shown when a book's chapters are unknown.
    COVER = "表紙";
    HANDOUT_TITLE = "研修用資料 — {title}";
    HANDOUT_NOTE = "研修用資料（抜粋）";

    /// The statuses of a checklist item.
    NOT_STARTED = "未着手";
    IN_PROGRESS = "対応中";
    DONE = "完了";
    NOT_APPLICABLE = "対象外";

    /// The kinds of finding (and [`MISSING`]).
    KIND_ERROR = "エラー";
    KIND_PLACEHOLDER = "〇〇のまま";
    KIND_UNASSIGNED = "担当・予定なし";
    KIND_OVERDUE = "期限超過";
    KIND_REVIEW = "見直し";
    KIND_TRAINING = "教育・訓練";
    KIND_END_OF_SUPPORT = "サポート終了";
    KIND_NO_CONTACT = "連絡先なし";
    KIND_CHECKLIST = "チェックリスト";
    KIND_ACCEPTANCE = "受け入れ";
    KIND_SUPPORT_ENDING = "サポート終了間近";
    KIND_CHECKLIST_EDITION = "チェックリストの版";

    /// Groups of findings that are about no one section.
    GROUP_PLAN = "計画全体";
    GROUP_ERRORS = "データの誤り（読み込めません）";
    GROUP_ACCEPT = "受け入れた指摘（accept）";

    /// The book's word for the organization whose plan it is (`labels.organization`).
    ORGANIZATION_WORD = "薬局";

    /// How findings name a row.
    ROW_NUMBER = "{row}行目";
    ROW_ID_TEXT = "{id}「{text}」";
    ROW_QUOTED = "「{text}」";
    SECTION_ROW = "{section} {row}";
    /// `system か label`: one of two fields.
    EITHER = "{a} か {b}";
    /// Sections joined: 「2.2.2・資料1」.
    AND = "{a}・{b}";

    /// Missing values.
    NO_ORGANIZATION = "[organization]（{org}の名称・策定日・見直し日）がどのデータファイルにもありません";
    ORGANIZATION_FIELD_MISSING = "organization.{key}（{org}の{name}）が未記入です（{sections} に表示）";
    ROW_FIELD_MISSING = "{what}の{name}（{key}）が未記入です";
    RECORD_FIELD_MISSING = "{table}.{id} の{name}（{key}）が未記入です（{sections} に表示）";
    TABLE_EMPTY = "{section}（{key}）が一件も書かれていません";

    /// Dates: reviews, due dates.
    REVIEW_NEVER = "organization.reviewed（最終見直し日）が記録されていません（計画は定期的に見直します）";
    REVIEW_OLD = "最終見直し日 {reviewed} から1年以上たっています（{as_of} 時点）。計画を見直し、reviewed を更新します";
    UNASSIGNED = "{what}の{which}が決まっていません";
    OWNER_AND_DUE = "担当者（owner）と予定（due）";
    OWNER = "担当者（owner）";
    DUE = "予定（due）";
    OVERDUE = "{what}は予定 {due} を過ぎていますが{status}です（{as_of} 時点）";

    /// Training.
    TRAINING_NONE = "教育・訓練の記録（trainings）がありません（少なくとも年1回実施します）";
    TRAINING_OLD = "最後の教育・訓練 {date} から1年以上たっています（{as_of} 時点。少なくとも年1回実施します）";

    /// End of support.
    END_OF_SUPPORT = "{what} の「{name}」はサポートが終了しています（{product}: {end} 終了、{as_of} 時点。出典 {source}）。更新・入替を計画します";
    END_OF_SUPPORT_SOON = "{what} の「{name}」は {end} にサポートが終了します（{product}、{as_of} 時点。出典 {source}）。更新・入替を計画します";

    /// The MHLW checklist edition a plan follows.
    CHECKLIST_UNCOVERED = "{section}: {edition}の項目 {number}「{text}」に当たる対策がありません（measures の checklist に {number} を書きます）";
    CHECKLIST_UNKNOWN_ITEM = "{section} {id}: checklist の「{number}」は{edition}にない項目番号です";
    CHECKLIST_NEWER = "計画は{edition}に沿っていますが、より新しい{newer}があります（book.toml の checklist = \"{id}\"）";

    /// Accepted findings (`[[accept]]`).
    ACCEPT_MATCHES_NOTHING = "accept の id「{id}」に当たる指摘がありません（指摘が直ったなら、この accept を消します）";
    ACCEPT_INCOMPLETE = "accept の id「{id}」に理由（reason）か期限（until）がありません";
    ACCEPT_EXPIRED = "accept の id「{id}」は期限 {until} を過ぎています（{as_of} 時点）。対応するか、期限を見直します";
    /// How the check lists accepted findings.
    ACCEPTED_NOTE = "受け入れ済み（{until} まで）: {reason}";

    /// Figures (組織体制図, 連絡体制図, ネットワーク構成図): what keeps one from being complete.
    FIGURE_NO_CHAIN = "{place}: 連絡の順番の元になる役割（roles.security_manager、または escalation を書いた役割）がありません";
    FIGURE_NO_DEPUTY = "{place}: 「{role}」の代理（deputy）が未記入です（不在時に連絡する人です）";
    FIGURE_NO_OWNER = "{place}: 開設者（organization.owner）が未記入です";
    FIGURE_NO_SEGMENT = "{place}: 機器 {device} の所属するネットワークがわかりません（segment を書くか、ip を network.segments の range に入る値にします）";

    /// The words figures draw.
    FIG_ORG = "組織体制図";
    FIG_CONTACT = "連絡体制図";
    FIG_NETWORK = "ネットワーク・システム構成図";
    FIG_TEXT = "図の内容（文字）";
    FIG_OWNER = "開設者";
    FIG_FINDER = "発見者";
    FIG_SECURITY_MANAGER = "医療情報システム安全管理責任者";
    FIG_ALL_STAFF = "全従業員";
    FIG_PHONE = "電話";
    FIG_DEPUTY = "不在時: 代理";
    FIG_EXAMPLE = "【記載例】";
    FIG_UNKNOWN_SEGMENT = "所属不明";
    FIG_GATEWAY = "ルーター/UTM";
    FIG_OUTSIDE = "外部委託先";
    /// Between sentences of a figure's description.
    FIG_SENTENCE_END = "。";
    FIG_BLANK = "〇〇";
    FIG_BLANK_NAME = "〇〇 〇〇";
    FIG_BLANK_COMPANY = "〇〇社";
    FIG_BLANK_LINE = "〇〇回線";
    FIG_BLANK_PHONE = "〇〇-〇〇〇〇-〇〇〇〇";

    /// Placeholders left in values.
    PLACEHOLDER_LEFT = "値に雛形の「{mark}」が残っています（実際の値に書き換えます）";
    PLACEHOLDER_LEFT_IN = "「{key}」の値に雛形の「{mark}」が残っています（実際の値に書き換えます）";
}

/// The statuses a checklist item may have.
pub const STATUSES: [&str; 4] = [NOT_STARTED, IN_PROGRESS, DONE, NOT_APPLICABLE];

#[cfg(test)]
mod tests {
    #[test]
    fn messages_are_unique() {
        let mut all = super::ALL.to_vec();
        all.sort();
        let n = all.len();
        all.dedup();
        assert_eq!(all.len(), n);
    }
}
