//! The keys table exists once, in `docs/keys.md`: rustdoc includes that file, and the README
//! embeds a copy between two markers, which this test keeps equal to it.

const START: &str = "<!-- keys: ";
const END: &str = "<!-- end of keys -->";

#[test]
fn the_readme_embeds_docs_keys_md() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap().replace("\r\n", "\n");
    let keys = std::fs::read_to_string(format!("{root}/docs/keys.md")).unwrap().replace("\r\n", "\n");
    let start = readme.find(START).expect("README.md has the start marker of the keys table");
    let embedded_start = start + readme[start..].find('\n').expect("the marker ends its line") + 1;
    let end = readme.find(END).expect("README.md has the end marker of the keys table");
    assert!(
        readme[embedded_start..end] == keys,
        "README.md's keys table differs from docs/keys.md: change docs/keys.md and paste it between the markers"
    );
}

#[test]
fn the_table_names_every_key_the_macro_accepts() {
    let root = env!("CARGO_MANIFEST_DIR");
    let keys = std::fs::read_to_string(format!("{root}/docs/keys.md")).unwrap();
    let named: Vec<&str> =
        keys.lines().filter_map(|line| line.strip_prefix("| `")?.split('`').next()).collect();
    // The macro's own list, `KEYS` in retry-macro/src/validate.rs, read from its source.
    let validate = std::fs::read_to_string(format!("{root}/retry-macro/src/validate.rs")).unwrap();
    let list = validate.split("pub const KEYS: &[&str] = &[").nth(1).expect("validate.rs declares KEYS");
    let list = &list[..list.find("];").expect("KEYS ends")];
    let accepted: Vec<&str> = list.split('"').skip(1).step_by(2).collect();
    assert_eq!(named, accepted);
}

/// The README quotes the quick start's expansion: it is the snapshot of that function.
#[test]
fn the_readme_quotes_the_quick_starts_expansion() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap().replace("\r\n", "\n");
    let snapshot =
        std::fs::read_to_string(format!("{root}/retry-macro/snapshots/expansion@quick_start.rs.snap"))
            .unwrap()
            .replace("\r\n", "\n");
    let expansion = snapshot.splitn(3, "---\n").nth(2).expect("the snapshot has a header");
    let quoted = readme
        .split("The quick start expands to (`cargo expand`, verbatim):\n\n```rust,ignore\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README quotes the expansion");
    assert!(
        quoted == expansion,
        "README.md's expansion differs from retry-macro/snapshots/expansion@quick_start.rs.snap"
    );
}
