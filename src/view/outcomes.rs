//! What the view derives from the active requirements profile besides each cell's outcomes:
//! the two outcome filters, the vendors' order by score, and the worst outcome of a cell (the
//! matrix colours a cell by it).

use crate::catalog::Catalog;
use crate::requirements::{self, Outcome, Profile, Scorecard};

/// How bad an outcome is, worst first: a failure, then what a person must still look at, then
/// silence, then a met requirement.
fn severity(o: Outcome) -> u8 {
    match o {
        Outcome::Fails => 3,
        Outcome::Check => 2,
        Outcome::NotStated => 1,
        Outcome::Meets => 0,
    }
}

/// The worst of a cell's outcomes; `None` for a cell the profile asks nothing of.
pub fn worst(outcomes: impl IntoIterator<Item = Outcome>) -> Option<Outcome> {
    outcomes.into_iter().max_by_key(|&o| severity(o))
}

/// Whether an outcome still needs a person: `check` or `not stated`.
pub fn unresolved(o: Outcome) -> bool {
    matches!(o, Outcome::Check | Outcome::NotStated)
}

/// The outcomes of every requirement of `profile` on `control` for each of `vendors`.
fn outcomes_on<'a>(
    profile: &'a Profile,
    catalog: &'a Catalog,
    vendors: &'a [usize],
    control: usize,
) -> impl Iterator<Item = Outcome> + 'a {
    let id = &catalog.controls[control].control.id;
    vendors.iter().flat_map(move |&vendor| {
        let answer = catalog.answer(vendor, control);
        profile
            .on_control(id)
            .map(move |(i, r)| requirements::judge(i, r, answer).outcome)
    })
}

/// A shown vendor fails a requirement on `control`. Without a profile nothing fails.
pub fn any_fails(
    profile: Option<&Profile>,
    catalog: &Catalog,
    vendors: &[usize],
    control: usize,
) -> bool {
    profile.is_some_and(|p| outcomes_on(p, catalog, vendors, control).any(|o| o == Outcome::Fails))
}

/// A shown vendor leaves a requirement on `control` unresolved (check or not stated).
pub fn any_unresolved(
    profile: Option<&Profile>,
    catalog: &Catalog,
    vendors: &[usize],
    control: usize,
) -> bool {
    profile.is_some_and(|p| outcomes_on(p, catalog, vendors, control).any(unresolved))
}

/// Each of `vendors`' scorecard against `profile`, in the same order.
pub fn scorecards(profile: &Profile, catalog: &Catalog, vendors: &[usize]) -> Vec<Scorecard> {
    requirements::evaluate(profile, catalog, vendors)
        .vendors
        .into_iter()
        .map(|v| v.card)
        .collect()
}

/// `vendors` ordered by score: fewest `must` failures first, then fewest `must`s left to
/// check or unstated; vendors that score alike keep their order.
pub fn sorted_by_score(profile: &Profile, catalog: &Catalog, vendors: &[usize]) -> Vec<usize> {
    let cards = scorecards(profile, catalog, vendors);
    let mut order: Vec<(usize, Scorecard)> = vendors.iter().copied().zip(cards).collect();
    order.sort_by_key(|(_, card)| (card.must.fails, card.must.check + card.must.not_stated));
    order.into_iter().map(|(v, _)| v).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_is_worse_than_a_check_which_is_worse_than_silence() {
        use Outcome::*;
        assert_eq!(worst([Meets, NotStated, Check]), Some(Check));
        assert_eq!(worst([Check, Fails, Meets]), Some(Fails));
        assert_eq!(worst([Meets, NotStated]), Some(NotStated));
        assert_eq!(worst([Meets]), Some(Meets));
        assert_eq!(worst([]), None);
    }

    #[test]
    fn only_check_and_not_stated_are_unresolved() {
        assert!(unresolved(Outcome::Check));
        assert!(unresolved(Outcome::NotStated));
        assert!(!unresolved(Outcome::Meets));
        assert!(!unresolved(Outcome::Fails));
    }
}
