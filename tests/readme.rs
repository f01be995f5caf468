//! The keys table exists once, in `docs/keys.md`: rustdoc includes that file, and the README
//! embeds a copy between two markers, which this test keeps equal to it. The compiler errors the
//! README and `docs/retry.md` show are `tests/ui` cases' output, verbatim, and `docs/retry.md`'s
//! list of compile-time rules names every case.

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

/// The README quotes expansions: after `<!-- snapshot: NAME -->`, the code block is the
/// expansion snapshot `retry-macro/snapshots/expansion@NAME.rs.snap`, verbatim.
#[test]
fn the_readme_quotes_expansion_snapshots() {
    let readme = read("README.md");
    let mut quoted = 0;
    for part in readme.split("<!-- snapshot: ").skip(1) {
        let (name, rest) = part.split_once(" -->\n").expect("a snapshot marker ends its line");
        let code = rest
            .strip_prefix("```rust,ignore\n")
            .and_then(|code| code.split("```").next())
            .unwrap_or_else(|| panic!("the snapshot marker {name} is followed by a ```rust,ignore block"));
        let snapshot = read(&format!("retry-macro/snapshots/expansion@{name}.rs.snap"));
        let expansion = snapshot.splitn(3, "---\n").nth(2).expect("the snapshot has a header");
        assert!(code == expansion, "README.md's quote of {name} differs from its snapshot: paste it again");
        quoted += 1;
    }
    assert!(quoted >= 2, "README.md quotes the quick start's and retrying!'s expansions");
}

/// The documents whose error samples are checked.
const DOCS_WITH_SAMPLES: &[&str] = &["README.md", "docs/retry.md"];
/// Put on the line right before a `text` code block: `<!-- ui: NAME -->` says the block is the
/// whole of `tests/ui/NAME.stderr`; `<!-- ui: NAME, excerpt -->` says it is one or more consecutive
/// whole diagnostics of it (each from its `error` line to the blank line after it).
const SAMPLE_MARKER: &str = "<!-- ui: ";

/// A file of the package, with CRLF read as LF.
fn read(path: &str) -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    std::fs::read_to_string(format!("{root}/{path}"))
        .unwrap_or_else(|error| panic!("{path}: {error}"))
        .replace("\r\n", "\n")
}

/// The names of the cases in a trybuild directory (`tests/ui`): its `.rs` files, sorted.
fn cases(dir: &str) -> Vec<String> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut names: Vec<String> = std::fs::read_dir(format!("{root}/{dir}"))
        .unwrap()
        .filter_map(|entry| {
            entry.unwrap().file_name().into_string().ok()?.strip_suffix(".rs").map(str::to_owned)
        })
        .collect();
    names.sort();
    names
}

/// A fenced code block: the line of its opening fence, its info string (`text`, `rust`), what
/// the marker line before it says, if there is one, and its lines, each ending in `\n`.
struct Block<'a> {
    line: usize,
    info: &'a str,
    marker: Option<&'a str>,
    body: String,
}

fn code_blocks(text: &str) -> Vec<Block<'_>> {
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        let Some(info) = lines[at].strip_prefix("```") else {
            at += 1;
            continue;
        };
        let end = (at + 1..lines.len()).find(|&end| lines[end] == "```").expect("every code block is closed");
        let marker = at
            .checked_sub(1)
            .and_then(|before| lines[before].strip_prefix(SAMPLE_MARKER)?.strip_suffix(" -->"));
        let body = lines[at + 1..end].iter().flat_map(|line| [*line, "\n"]).collect();
        blocks.push(Block { line: at + 1, info, marker, body });
        at = end + 1;
    }
    blocks
}

/// The diagnostics of a `.stderr` file, each with its last newline (rustc separates them by a
/// blank line before the next `error`/`warning` line).
fn diagnostics(stderr: &str) -> Vec<&str> {
    let mut diagnostics = Vec::new();
    let mut start = 0;
    for (blank, _) in stderr.match_indices("\n\n") {
        let next = &stderr[blank + 2..];
        if next.starts_with("error") || next.starts_with("warning") {
            diagnostics.push(&stderr[start..=blank]);
            start = blank + 2;
        }
    }
    diagnostics.push(&stderr[start..]);
    diagnostics
}

/// Why `body` is not the sample `marker` says it is, if it is not.
fn check_sample(marker: &str, body: &str) -> Result<(), String> {
    let (name, excerpt) = match marker.strip_suffix(", excerpt") {
        Some(name) => (name, true),
        None => (marker, false),
    };
    let path = format!("tests/ui/{name}.stderr");
    if !std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(&path).is_file() {
        return Err(format!("names `{name}`, but there is no {path}"));
    }
    let stderr = read(&path);
    if !excerpt {
        return if body == stderr { Ok(()) } else { Err(format!("differs from {path}: paste that file")) };
    }
    let diagnostics = diagnostics(&stderr);
    let found = (0..diagnostics.len())
        .any(|first| (first..diagnostics.len()).any(|last| diagnostics[first..=last].join("\n") == body));
    if found {
        Ok(())
    } else {
        Err(format!("is not a run of whole diagnostics of {path}: paste them from that file"))
    }
}

/// Every compiler error the README and `docs/retry.md` show is what rustc prints for a
/// `tests/ui` case (see `SAMPLE_MARKER`), so no sample can go stale when a message changes.
#[test]
fn every_error_sample_is_a_ui_cases_stderr() {
    let mut samples = 0;
    let mut problems = Vec::new();
    for doc in DOCS_WITH_SAMPLES {
        let text = read(doc);
        let blocks = code_blocks(&text);
        let markers = text.lines().filter(|line| line.starts_with(SAMPLE_MARKER)).count();
        if markers != blocks.iter().filter(|block| block.marker.is_some()).count() {
            problems.push(format!("{doc}: a `{SAMPLE_MARKER}...` line is not right before a ```text block"));
        }
        for block in blocks {
            let at = format!("{doc}:{}", block.line);
            match block.marker {
                Some(marker) if block.info != "text" => {
                    problems.push(format!(
                        "{at}: the sample `{marker}` is a ```{} block, not ```text",
                        block.info
                    ));
                }
                Some(marker) => {
                    samples += 1;
                    if let Err(problem) = check_sample(marker, &block.body) {
                        problems.push(format!("{at}: the sample `{marker}` {problem}"));
                    }
                }
                None if block.info == "text"
                    && (block.body.contains("error:") || block.body.contains("error[")) =>
                {
                    problems.push(format!(
                        "{at}: this error sample has no `{SAMPLE_MARKER}NAME -->` line naming its tests/ui case"
                    ));
                }
                None => {}
            }
        }
    }
    assert!(problems.is_empty(), "error samples:\n{}", problems.join("\n"));
    assert!(samples > 0, "no error sample found: is SAMPLE_MARKER still the marker the documents use?");
}

/// The README says how many ui cases there are; the number is the count of `tests/ui/*.rs`.
#[test]
fn the_readme_counts_the_ui_cases() {
    // Lines may be wrapped anywhere: compare with single spaces.
    let readme = read("README.md").split_whitespace().collect::<Vec<_>>().join(" ");
    let phrase = "`tests/ui/` holds one case per rule (";
    let after =
        &readme[readme.find(phrase).expect("README.md says how many ui cases there are") + phrase.len()..];
    let written: usize =
        after.split(' ').next().unwrap().parse().expect("README.md gives the count in digits");
    let count = cases("tests/ui").len();
    assert!(written == count, "README.md says {written} ui cases, tests/ui has {count}: change the README");
}

/// `docs/retry.md`'s list of compile-time rules names every ui case (each case's name is its
/// rule), and every case it names exists.
#[test]
fn the_rules_list_names_every_ui_case() {
    let docs = read("docs/retry.md");
    let rules = &docs[docs.find("\n# Compile-time errors\n").expect("docs/retry.md has its list of rules")..];
    let mut problems = Vec::new();
    for dir in ["tests/ui", "tests/ui-without-tokio"] {
        for name in cases(dir) {
            if !rules.contains(&format!("`{dir}/{name}.rs`")) {
                problems.push(format!("{dir}/{name}.rs is not named: add its rule to the list"));
            }
        }
    }
    let named = rules.split('`').filter(|span| {
        span.starts_with("tests/ui") && std::path::Path::new(span).extension().is_some_and(|ext| ext == "rs")
    });
    for path in named {
        if !std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path).is_file() {
            problems.push(format!("{path} is named but does not exist"));
        }
    }
    assert!(problems.is_empty(), "docs/retry.md's compile-time rules:\n{}", problems.join("\n"));
}
