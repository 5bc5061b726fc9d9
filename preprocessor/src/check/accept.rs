//! Accepted findings: `[[accept]]` with a finding's `id`, a `reason` and an
//! `until` date moves that finding out of the count while the date holds.
//! An acceptance past its date, without reason or date, or matching no
//! finding is itself a finding.

use super::{Accepted, Checker, Finding, Kind, msg};
use crate::messages;

/// Moves the accepted findings out of `findings` and returns them; adds a
/// finding for each acceptance that does not hold.
pub(super) fn run(c: &mut Checker, findings: &mut Vec<Finding>) -> Vec<Finding> {
    let as_of = c.as_of;
    let mut accepted = Vec::new();
    let mut problems = Vec::new();
    for file in &c.plan.files {
        for (i, a) in file.data.accept.iter().enumerate() {
            let at = file.map.field_or_record(&format!("accept[{i}]"), "id");
            let id = a.id.trim();
            let reason = a.reason.as_deref().map(str::trim).unwrap_or("");
            let message = if !findings.iter().any(|f| f.id == id) {
                Some(msg!(messages::ACCEPT_MATCHES_NOTHING, id = id))
            } else if reason.is_empty() || a.until.is_none() {
                Some(msg!(messages::ACCEPT_INCOMPLETE, id = id))
            } else if a.until.is_some_and(|until| until < as_of) {
                Some(msg!(
                    messages::ACCEPT_EXPIRED,
                    id = id,
                    until = a.until.unwrap_or_default().slash(),
                    as_of = as_of.slash(),
                ))
            } else {
                None
            };
            match message {
                Some(m) => problems.push((file, at, m)),
                None => {
                    let (taken, kept): (Vec<_>, Vec<_>) = std::mem::take(findings)
                        .into_iter()
                        .partition(|f| f.id == id);
                    *findings = kept;
                    accepted.extend(taken.into_iter().map(|mut f| {
                        f.accepted = Some(Accepted {
                            reason: reason.to_string(),
                            until: a.until,
                        });
                        f
                    }));
                }
            }
        }
    }
    for (file, at, message) in problems {
        let mut f = Finding::at(Kind::Acceptance, file, at, message).in_table("accept");
        f.group = c.group(Some("accept"), Kind::Acceptance);
        findings.push(f);
    }
    accepted
}
