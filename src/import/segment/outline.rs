//! Where a line stands in its document: the numbered path (`2.3.2`) and the headings without
//! numbers above it (markdown, 【】, ■, 第N章, or a short line shaped like a heading).

/// How a heading without a number was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    /// Its level is written (`##`, 第N章 / 第N条).
    Leveled(usize),
    /// A mark or only its shape says it is a heading: its level comes from where it stands.
    Implicit,
}

#[derive(Debug, Clone, Default)]
pub struct Outline {
    path: Vec<u32>,
    titles: Vec<String>,
    /// Headings without a number, outermost first: level, words, whether the level was guessed.
    named: Vec<(usize, String, bool)>,
}

/// Citations longer than this are cut (a heading is found by its start).
const SECTION_CHARS: usize = 60;

impl Outline {
    /// The citation of text standing here: the number, the heading's own words where it has no
    /// number (under a number: both), or `preamble` before any heading.
    pub fn section(&self) -> String {
        let number = join(&self.path);
        let name = self.named.last().map(|(_, t, _)| cut(t));
        match (number.is_empty(), name) {
            (true, None) => "preamble".to_string(),
            (true, Some(name)) => name,
            (false, None) => number,
            (false, Some(name)) => format!("{number} {name}"),
        }
    }

    /// Every heading above, outermost first: what the text is about.
    pub fn context(&self) -> String {
        self.titles
            .iter()
            .map(String::as_str)
            .chain(self.named.iter().map(|(_, t, _)| t.as_str()))
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" / ")
    }

    pub fn path(&self) -> &[u32] {
        &self.path
    }

    /// Takes a numbered heading if its number fits the outline; false if it reads as text.
    pub fn numbered(&mut self, number: &str, title: &str, table_like: bool) -> bool {
        let parts: Vec<u32> = number.split('.').filter_map(|p| p.parse().ok()).collect();
        if parts.len() > 1 {
            self.set(parts, title);
            return true;
        }
        let Some(&n) = parts.first() else {
            return false;
        };
        if self.path.is_empty() {
            self.set(vec![n], title);
            return true;
        }
        if let Some(level) = (0..self.path.len()).find(|&l| self.path[l] + 1 == n) {
            let mut path = self.path[..level].to_vec();
            path.push(n);
            self.set(path, title);
            return true;
        }
        if n == 1 && table_like {
            let mut path = self.path.clone();
            path.push(1);
            self.set(path, title);
            return true;
        }
        false
    }

    /// Whether `n` alone on a line follows a flat outline's last number ("43" after "42").
    pub fn continues_flat(&self, n: u32) -> bool {
        self.path.len() == 1 && self.path[0] + 1 == n
    }

    pub fn set(&mut self, path: Vec<u32>, title: &str) {
        self.titles.truncate(path.len().saturating_sub(1));
        while self.titles.len() + 1 < path.len() {
            self.titles.push(String::new());
        }
        self.titles.push(title.to_string());
        self.path = path;
        self.named.clear();
    }

    /// A heading without a number. `under_previous`: it follows another heading directly, so
    /// it is that heading's first sub-heading.
    pub fn named(&mut self, title: &str, how: Named, under_previous: bool) {
        let level = match how {
            Named::Leveled(level) => level,
            Named::Implicit => match self.named.last() {
                None => 1,
                // A sibling of the guessed heading before it, under the same parent.
                Some(&(level, _, true)) if !under_previous => level,
                Some(&(level, _, _)) => level + 1,
            },
        };
        self.named.retain(|&(l, _, _)| l < level);
        self.named
            .push((level, title.to_string(), how == Named::Implicit));
    }
}

fn join(path: &[u32]) -> String {
    path.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

fn cut(title: &str) -> String {
    if title.chars().count() <= SECTION_CHARS {
        title.to_string()
    } else {
        title.chars().take(SECTION_CHARS).collect::<String>() + "…"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_number_continues_the_shallowest_level() {
        let mut o = Outline::default();
        assert!(o.numbered("3", "人的資源", true));
        assert!(o.numbered("1", "雇用前", true));
        assert_eq!(o.section(), "3.1");
        assert!(o.numbered("4", "資産", false));
        assert_eq!(o.section(), "4");
        assert!(!o.numbered("9", "text", false));
    }

    #[test]
    fn headings_without_numbers_cite_their_words() {
        let mut o = Outline::default();
        assert_eq!(o.section(), "preamble");
        o.named("Access control", Named::Implicit, false);
        o.named("Personnel", Named::Implicit, true);
        assert_eq!(o.section(), "Personnel");
        assert_eq!(o.context(), "Access control / Personnel");
        o.named("Penetration testing", Named::Implicit, false);
        assert_eq!(o.context(), "Access control / Penetration testing");
        o.named("データ保持", Named::Leveled(2), false);
        assert_eq!(o.context(), "Access control / データ保持");
        o.named("顧客データ", Named::Implicit, false);
        assert_eq!(o.context(), "Access control / データ保持 / 顧客データ");
        o.numbered("1", "概要", false);
        o.named("当社の責任", Named::Implicit, true);
        assert_eq!(o.section(), "1 当社の責任");
    }
}
