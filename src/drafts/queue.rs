//! The review queue's walk: the draft answers of some vendors, control by control in the
//! catalogue's order and, within a control, vendor by vendor in the order given (the columns'
//! order). Pure: the terminal's queue asks it where to go next and how many drafts are left.

use crate::catalog::Catalog;

/// A draft in the walk: a control and a vendor (indexes into the catalogue).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stop {
    pub control: usize,
    pub vendor: usize,
}

/// The walk over `vendors`' answers (in that order within each control).
#[derive(Debug, Clone, Copy)]
pub struct Walk<'a> {
    catalog: &'a Catalog,
    vendors: &'a [usize],
}

impl<'a> Walk<'a> {
    pub fn new(catalog: &'a Catalog, vendors: &'a [usize]) -> Walk<'a> {
        Walk { catalog, vendors }
    }

    fn len(&self) -> usize {
        self.catalog.controls.len() * self.vendors.len()
    }

    fn stop_at(&self, position: usize) -> Stop {
        let n = self.vendors.len();
        Stop {
            control: position / n,
            vendor: self.vendors[position % n],
        }
    }

    /// The stop's place in the walk, if its vendor is walked.
    fn position(&self, stop: Stop) -> Option<usize> {
        let column = self.vendors.iter().position(|&v| v == stop.vendor)?;
        (stop.control < self.catalog.controls.len())
            .then(|| stop.control * self.vendors.len() + column)
    }

    pub fn is_draft(&self, stop: Stop) -> bool {
        self.catalog
            .answer(stop.vendor, stop.control)
            .is_some_and(|a| a.draft)
    }

    /// The first draft at `from` or after it, wrapping around: from the start without `from`,
    /// from the first vendor of `from`'s control when `from`'s vendor is not walked.
    pub fn at_or_after(&self, from: Option<Stop>) -> Option<Stop> {
        let start = from.map_or(0, |s| {
            self.position(s)
                .unwrap_or(s.control.min(self.catalog.controls.len()) * self.vendors.len())
        });
        self.scan(start % self.len().max(1), true, true)
    }

    /// The next draft after `from` (`forward`) or before it, wrapping around; `from` itself
    /// only when it is the one draft left.
    pub fn step(&self, from: Stop, forward: bool) -> Option<Stop> {
        match self.position(from) {
            Some(at) => self.scan(at, forward, false),
            None => self.at_or_after(None),
        }
    }

    /// Scans the ring from `start` (included or not) in one direction for a draft.
    fn scan(&self, start: usize, forward: bool, include_start: bool) -> Option<Stop> {
        let len = self.len();
        if len == 0 {
            return None;
        }
        let first = usize::from(!include_start);
        (first..=len)
            .map(|k| {
                let k = k % len;
                if forward {
                    (start + k) % len
                } else {
                    (start + len - k) % len
                }
            })
            .map(|p| self.stop_at(p))
            .find(|&s| self.is_draft(s))
    }

    /// Whether the walk from `from` to `to` (forward, or backward) went past its end.
    pub fn wrapped(&self, from: Stop, to: Stop, forward: bool) -> bool {
        match (self.position(from), self.position(to)) {
            (Some(a), Some(b)) if forward => b <= a,
            (Some(a), Some(b)) => b >= a,
            _ => false,
        }
    }

    /// How many drafts the walk holds.
    pub fn left(&self) -> usize {
        (0..self.catalog.controls.len())
            .map(|control| {
                self.vendors
                    .iter()
                    .filter(|&&vendor| self.is_draft(Stop { control, vendor }))
                    .count()
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{
        Answer, Category, Control, ControlKind, Origin, Status, Text, Vendor, VendorInfo,
    };

    fn text(s: &str) -> Text {
        Text {
            en: s.to_owned().into(),
            ja: None,
        }
    }

    fn control(id: &str) -> Control {
        Control {
            id: id.into(),
            title: text(id),
            question: text(id),
            kind: ControlKind::Open,
            crosswalk: Default::default(),
            terms: Default::default(),
        }
    }

    fn answer(control: &str, draft: bool) -> Answer {
        Answer {
            control: control.to_owned().into(),
            status: Status::NotStated,
            polarity: None,
            summary: None,
            vendor_words: None,
            value: None,
            note: None,
            quotes: Vec::new(),
            draft,
            candidates: Vec::new(),
            conflicts: Vec::new(),
            previous: None,
        }
    }

    fn vendor(id: &str, drafts: &[&str], confirmed: &[&str]) -> Vendor {
        let answers = drafts
            .iter()
            .map(|c| answer(c, true))
            .chain(confirmed.iter().map(|c| answer(c, false)))
            .collect();
        Vendor {
            info: VendorInfo {
                id: id.into(),
                name: text(id),
                short_name: None,
                products: None,
                note: None,
                assessed: None,
            },
            documents: Vec::new(),
            answers,
            origin: Origin::User,
        }
    }

    /// Controls a b c; vendor 0 has drafts on a and c, vendor 1 on b and c, vendor 2 none.
    fn catalog() -> Catalog {
        Catalog::new(
            vec![Category {
                id: "k".into(),
                title: text("k"),
                controls: vec![control("a"), control("b"), control("c")],
            }],
            vec![
                vendor("v0", &["a", "c"], &["b"]),
                vendor("v1", &["c", "b"], &["a"]),
                vendor("v2", &[], &["a", "b", "c"]),
            ],
        )
    }

    fn stop(control: usize, vendor: usize) -> Stop {
        Stop { control, vendor }
    }

    #[test]
    fn the_walk_goes_control_by_control_then_vendor_by_vendor_in_column_order() {
        let catalog = catalog();
        let vendors = [1, 0, 2];
        let walk = Walk::new(&catalog, &vendors);
        let mut seen = vec![walk.at_or_after(None).unwrap()];
        for _ in 0..3 {
            seen.push(walk.step(*seen.last().unwrap(), true).unwrap());
        }
        assert_eq!(seen, [stop(0, 0), stop(1, 1), stop(2, 1), stop(2, 0)]);
        // Past the end it starts again, and says so.
        let again = walk.step(stop(2, 0), true).unwrap();
        assert_eq!(again, stop(0, 0));
        assert!(walk.wrapped(stop(2, 0), again, true));
        assert!(!walk.wrapped(stop(0, 0), stop(1, 1), true));
        assert_eq!(walk.step(stop(0, 0), false), Some(stop(2, 0)));
        assert_eq!(walk.step(stop(2, 1), false), Some(stop(1, 1)));
        assert_eq!(walk.left(), 4);
    }

    #[test]
    fn the_walk_starts_at_the_draft_shown_or_the_next_one() {
        let catalog = catalog();
        let vendors = [0, 1, 2];
        let walk = Walk::new(&catalog, &vendors);
        assert_eq!(walk.at_or_after(Some(stop(2, 1))), Some(stop(2, 1)));
        // Vendor 0's answer to b is confirmed: the next draft is vendor 1's.
        assert_eq!(walk.at_or_after(Some(stop(1, 0))), Some(stop(1, 1)));
        // A vendor not walked starts the walk at its control.
        let only_v2_and_v0 = [2, 0];
        let walk = Walk::new(&catalog, &only_v2_and_v0);
        assert_eq!(walk.at_or_after(Some(stop(1, 1))), Some(stop(2, 0)));
        assert_eq!(walk.at_or_after(Some(stop(0, 1))), Some(stop(0, 0)));
        assert_eq!(walk.left(), 2);
    }

    #[test]
    fn a_walk_without_drafts_or_vendors_finds_nothing() {
        let catalog = catalog();
        let none: [usize; 0] = [];
        assert_eq!(Walk::new(&catalog, &none).at_or_after(None), None);
        let quiet = [2];
        let walk = Walk::new(&catalog, &quiet);
        assert_eq!(walk.at_or_after(None), None);
        assert_eq!(walk.step(stop(0, 2), true), None);
        assert_eq!(walk.left(), 0);
    }

    #[test]
    fn the_one_draft_left_is_its_own_next() {
        let catalog = catalog();
        let vendors = [0];
        let walk = Walk::new(&catalog, &vendors);
        let mut catalog2 = catalog.clone();
        catalog2.vendors[0].answers[1].draft = false;
        let walk2 = Walk::new(&catalog2, &vendors);
        assert_eq!(walk.step(stop(0, 0), true), Some(stop(2, 0)));
        assert_eq!(walk2.step(stop(0, 0), true), Some(stop(0, 0)));
    }
}
