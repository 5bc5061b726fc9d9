//! Calendar dates as the plan writes them: TOML dates in, 和暦 or `2020/12/1` out.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use unicode_normalization::UnicodeNormalization;

/// A calendar date (no time of day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year.is_multiple_of(4) && !year.is_multiple_of(100))
                || year.is_multiple_of(400) =>
            {
                29
            }
            2 => 28,
            _ => return None,
        };
        (1..=days_in_month)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Date::new(year, month, day)
    }

    /// The date of a Unix timestamp (UTC).
    pub fn from_unix(secs: i64) -> Date {
        // Civil-from-days, Howard Hinnant's algorithm.
        let z = secs.div_euclid(86_400) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }

    /// Today, or the day of `SOURCE_DATE_EPOCH` when set (reproducible builds).
    pub fn today() -> Date {
        let secs = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_secs() as i64)
                    .unwrap_or(0)
            });
        Date::from_unix(secs)
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The same day one year later (28 Feb for 29 Feb).
    pub fn plus_years(self, years: u16) -> Date {
        let year = self.year + years;
        Date::new(year, self.month, self.day).unwrap_or(Date {
            year,
            month: 2,
            day: 28,
        })
    }

    /// 和暦: 令和6年8月23日 (令和元年 for the first year).
    pub fn wareki(self) -> String {
        const ERAS: [(&str, Date); 4] = [
            (
                "令和",
                Date {
                    year: 2019,
                    month: 5,
                    day: 1,
                },
            ),
            (
                "平成",
                Date {
                    year: 1989,
                    month: 1,
                    day: 8,
                },
            ),
            (
                "昭和",
                Date {
                    year: 1926,
                    month: 12,
                    day: 25,
                },
            ),
            (
                "大正",
                Date {
                    year: 1912,
                    month: 7,
                    day: 30,
                },
            ),
        ];
        let Some((era, start)) = ERAS.iter().find(|(_, start)| self >= *start) else {
            return format!("{}年{}月{}日", self.year, self.month, self.day);
        };
        let n = self.year - start.year + 1;
        let n = if n == 1 {
            "元".to_string()
        } else {
            n.to_string()
        };
        format!("{era}{n}年{}月{}日", self.month, self.day)
    }

    /// `2020/12/1`, as the seed's device ledger writes dates.
    pub fn slash(self) -> String {
        format!("{}/{}/{}", self.year, self.month, self.day)
    }

    /// `1 April 2025`: the long form for translated books (English).
    pub fn long_english(self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month.clamp(1, 12)) - 1],
            self.year
        )
    }
}

/// Reads a date as people write it: 2025-04-01, 2025/4/1, 2025.4.1,
/// 2025年4月1日, 令和7年4月1日 (also R7.4.1 and 令和元年).
pub fn parse_date(text: &str) -> Option<Date> {
    let t: String = text.nfkc().filter(|c| !c.is_whitespace()).collect();
    const ERAS: &[(&[&str], u16)] = &[
        (&["令和", "R", "r"], 2018),
        (&["平成", "H", "h"], 1988),
        (&["昭和", "S", "s"], 1925),
    ];
    let (offset, rest) = ERAS
        .iter()
        .find_map(|(names, base)| {
            names
                .iter()
                .find_map(|n| t.strip_prefix(n))
                .map(|rest| (*base, rest.replacen("元", "1", 1)))
        })
        .unwrap_or((0, t.clone()));
    let parts: Vec<&str> = rest
        .trim_end_matches('日')
        .split(['-', '/', '.', '年', '月'])
        .collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let year: u16 = y.parse().ok()?;
    if offset == 0 && year < 1000 {
        return None;
    }
    Date::new(year + offset, m.parse().ok()?, d.parse().ok()?)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let value = toml::value::Datetime::deserialize(d).map_err(|_| {
            de::Error::custom("日付ではありません（例: 2025-04-01 のように引用符なしで書きます）")
        })?;
        match (value.date, value.time) {
            (Some(date), None) => Ok(Date {
                year: date.year,
                month: date.month,
                day: date.day,
            }),
            _ => Err(de::Error::custom(
                "日付だけを書いてください（時刻は不要です。例: 2025-04-01）",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_long_form() {
        assert_eq!(
            Date::new(2025, 4, 1).unwrap().long_english(),
            "1 April 2025"
        );
    }

    #[test]
    fn wareki_eras() {
        assert_eq!(Date::new(2024, 8, 23).unwrap().wareki(), "令和6年8月23日");
        assert_eq!(Date::new(2019, 5, 1).unwrap().wareki(), "令和元年5月1日");
        assert_eq!(Date::new(2019, 4, 30).unwrap().wareki(), "平成31年4月30日");
        assert_eq!(Date::new(1989, 1, 8).unwrap().wareki(), "平成元年1月8日");
    }

    #[test]
    fn parse_and_validate() {
        assert_eq!(Date::parse("2024-02-29"), Date::new(2024, 2, 29));
        assert_eq!(Date::parse("2023-02-29"), None);
        assert_eq!(Date::parse("2024-13-01"), None);
        assert_eq!(Date::new(2020, 12, 1).unwrap().slash(), "2020/12/1");
    }

    #[test]
    fn unix_round_trip() {
        let d = Date::new(2025, 10, 14).unwrap();
        assert_eq!(Date::from_unix(d.days() * 86_400 + 3600), d);
        assert_eq!(Date::from_unix(0), Date::new(1970, 1, 1).unwrap());
    }
}
