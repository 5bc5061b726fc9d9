//! Hostile values stay inert text wherever they land.

use super::support::*;

const CHAPTER: &str =
    "# 連絡先 {bcp:organization.name}\n\n```bcp contacts\n```\n\n```bcp roles\n```\n";

#[test]
fn values_are_escaped_in_tables_and_prose() {
    let data = r#"
[organization]
name = "<script>alert('x')</script>薬局 | *強調* [リンク](javascript:alert(1))"

[people.p]
name = "山田|太郎"
title = "管理\n薬剤師"
phone = "03-1234-5678"
email = "a&b@example.jp"

[[contacts]]
person = "p"

[roles.r]
name = "<img src=x onerror=alert(1)>"
people = ["p"]
"#;
    let book = TestBook::minimal(CHAPTER, &[("d.toml", data)]);
    book.build(&[]);
    let html = book.read("book/chapter.html");
    let main = &html[html.find("<main>").unwrap()..html.find("</main>").unwrap()];
    assert!(!main.contains("<script>"), "{main}");
    assert!(!main.contains("<img"), "{main}");
    assert!(!main.contains("href=\"javascript"), "{main}");
    assert!(!main.contains("<em>"), "{main}");
    assert!(main.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;薬局 | *強調* [リンク](javascript:alert(1))")
        || main.contains("&lt;script&gt;alert('x')&lt;/script&gt;薬局 | *強調* [リンク](javascript:alert(1))"), "{main}");
    // The pipe stays inside its cell and the newline becomes a line break.
    assert!(main.contains("<td>管理<br>薬剤師</td><td>山田|太郎</td><td><a class=\"bcp-tel\" href=\"tel:0312345678\">03-1234-5678</a></td><td>a&amp;b@example.jp</td>"), "{main}");
}

#[test]
fn links_refuse_unsafe_schemes() {
    let data = "[[links]]\ntitle = \"x\"\nurl = \" JAVASCRIPT:alert(1)\"\n";
    let book = TestBook::minimal("```bcp links\n```\n", &[("l.toml", data)]);
    let out = book.bcp(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .contains("url には https:// http:// mailto: tel: で始まるアドレスだけを書けます")
    );
}
