//! A cap on the nesting depth of a parsed page. The HTML parser builds a tree of any depth
//! without recursion, but the main-content extractor walks it recursively: 30,000 nested `<i>`
//! overflowed the stack and aborted the whole process. Past [`MAX_DEPTH`] elements are
//! unwrapped (their children take their place), so the text stays and the tree is shallow.

use dom_query::NodeRef;

/// Deepest element kept; real articles nest a few dozen levels.
pub(crate) const MAX_DEPTH: usize = 256;

/// Unwrap every element deeper than `max_depth` below `root`, without recursion, in time
/// linear in the number of nodes (each node moves at most once). Returns how many elements
/// were unwrapped.
pub(crate) fn flatten(root: &NodeRef<'_>, max_depth: usize) -> usize {
    let mut unwrapped = 0;
    let mut pending = vec![(*root, 0usize)];
    while let Some((node, depth)) = pending.pop() {
        let mut child = node.first_child();
        while let Some(current) = child {
            let next = current.next_sibling();
            if current.is_element() && depth >= max_depth {
                // Its children move up into its place and are looked at next, at this depth.
                let first = current.first_child();
                if let Some(first) = &first {
                    current.insert_siblings_before(first);
                }
                current.remove_from_parent();
                unwrapped += 1;
                child = first.or(next);
                continue;
            }
            if current.first_child().is_some() {
                pending.push((current, depth + 1));
            }
            child = next;
        }
    }
    unwrapped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_of_deepest(root: &NodeRef<'_>) -> usize {
        let mut deepest = 0;
        let mut pending = vec![(*root, 0usize)];
        while let Some((node, depth)) = pending.pop() {
            deepest = deepest.max(depth);
            let mut child = node.first_child();
            while let Some(current) = child {
                pending.push((current, depth + 1));
                child = current.next_sibling();
            }
        }
        deepest
    }

    #[test]
    fn deep_nesting_is_cut_to_the_cap_and_keeps_every_word() {
        let html = format!(
            "<html><body>{}<p>one <b>two</b> three</p>{}</body></html>",
            "<div>".repeat(50),
            "</div>".repeat(50)
        );
        let document = dom_query::Document::from(html.as_str());
        let before = depth_of_deepest(&document.root());
        assert!(before > 50, "{before}");
        let unwrapped = flatten(&document.root(), 10);
        assert!(unwrapped >= 40, "{unwrapped}");
        // Elements stop at depth 10; a text node may sit one below.
        assert!(depth_of_deepest(&document.root()) <= 11);
        let text = document.root().text().to_string();
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>(),
            ["one", "two", "three"]
        );
    }

    #[test]
    fn a_shallow_page_is_not_touched() {
        let html = "<html><body><article><p>a <i>b</i></p><p>c</p></article></body></html>";
        let document = dom_query::Document::from(html);
        let before = document.html().to_string();
        assert_eq!(flatten(&document.root(), MAX_DEPTH), 0);
        assert_eq!(document.html().to_string(), before);
    }
}
