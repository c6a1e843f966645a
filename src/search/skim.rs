//! fuzzy-matcher 0.3.7's `SkimMatcherV2` (MIT, © 2019 Jinzhou Zhang), case-respecting, ported
//! step for step so that it returns the same scores and positions as a freshly made matcher,
//! without allocating per text. (The crate's matcher reuses its score matrix between calls
//! and may read cells it has not written in the current call, so a long-lived matcher's
//! scores may depend on the texts it scored before; a fresh one's cannot. Searching texts in
//! any order, on any thread, needs the latter.)

const SCORE_MATCH: i32 = 16;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
const BONUS_FIRST_CHAR_MULTIPLIER: i32 = 2;
const BONUS_HEAD: i32 = SCORE_MATCH / 2;
const BONUS_BREAK: i32 = SCORE_MATCH / 2 + GAP_EXTENSION;
const BONUS_CAMEL: i32 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
const NEG_INFINITY: i32 = i16::MIN as i32;

#[derive(Clone, Copy)]
struct Cell {
    m_match: bool,
    m_score: i32,
    p_match: bool,
    p_score: i32,
    bonus: i32,
}

const FRESH: Cell = Cell {
    m_match: false,
    m_score: NEG_INFINITY,
    p_match: false,
    p_score: NEG_INFINITY,
    bonus: 0,
};

#[derive(Debug, Default)]
pub struct Scratch {
    matrix: Vec<CellRepr>,
    bonus: Vec<i32>,
    first: Vec<usize>,
}

// `Cell` without Debug noise in `Scratch`'s Debug.
#[derive(Clone, Copy)]
struct CellRepr(Cell);

impl std::fmt::Debug for CellRepr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cell")
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CharType {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

const fn char_type(ch: char) -> CharType {
    match ch {
        '\0' => CharType::Empty,
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => CharType::HardSep,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => CharType::SoftSep,
        '0'..='9' => CharType::Number,
        'A'..='Z' => CharType::Upper,
        _ => CharType::Lower,
    }
}

/// The in-place bonus any char gets after `byte`, if that is an ASCII separator (else 0: a
/// char after anything else gets a bonus only if it is an ASCII capital, see [`bonus_at`]).
pub fn separator_bonus(byte: u8) -> i64 {
    i64::from(SEPARATOR_BONUS[byte as usize])
}

const SEPARATOR_BONUS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = match char_type(b as u8 as char) {
            CharType::HardSep => BONUS_HEAD as u8,
            CharType::SoftSep => BONUS_BREAK as u8,
            _ => 0,
        };
        b += 1;
    }
    table
};

fn in_place_bonus(prev: CharType, cur: CharType) -> i32 {
    match (prev, cur) {
        (CharType::Empty, _) | (CharType::HardSep, _) => BONUS_HEAD,
        (CharType::SoftSep, _) => BONUS_BREAK,
        (CharType::Lower, CharType::Upper) | (CharType::Number, CharType::Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

/// A match: its score and the first and last matched char index (when asked for).
pub struct Match {
    pub score: i64,
    pub first: usize,
    pub last: usize,
}

/// The largest bonus a pattern's first char can get: the doubled head bonus of a text's first
/// char. Anywhere else it gets the in-place bonus of its position ([`bonus_at`]).
pub const MAX_FIRST_BONUS: i64 = (BONUS_HEAD * BONUS_FIRST_CHAR_MULTIPLIER) as i64;

/// The largest in-place bonus: a char at the start of a word.
pub const HEAD_BONUS: i64 = BONUS_HEAD as i64;

/// The in-place bonus of `cur` preceded by `prev` (not at a text's first char).
pub fn bonus_at(prev: char, cur: char) -> i64 {
    i64::from(in_place_bonus(char_type(prev), char_type(cur)))
}

/// The most [`fuzzy`] can score for `pattern` in any text: the score of the pattern
/// against itself.
///
/// Why: the first pattern char scores at most a match, the doubled head bonus of a text's
/// first char and the initial gap (31). A later char `p[i]` gains a match (16) plus, when
/// it follows `p[i-1]` directly, the consecutive bonus `max(stored, in_place, 4)`, where
/// `in_place` is fixed by the types of `p[i-1]` and `p[i]`; the `stored` bonus of a cell is
/// only ever written as `max(stored, in_place, 4)` of that same cell, so on a fresh matrix
/// it never exceeds `max(in_place, 4)`. After a gap it gains at most the gap's `-4` plus an
/// in-place bonus of 8, i.e. 4. So every later char gains at most `16 + max(in_place, 4)`,
/// which is what the pattern matched against itself gains.
pub fn max_score(pattern: &[char]) -> i64 {
    let Some(&first) = pattern.first() else {
        return 0;
    };
    let mut score = SCORE_MATCH + GAP_EXTENSION + BONUS_HEAD * BONUS_FIRST_CHAR_MULTIPLIER;
    let mut prev = first;
    for &c in &pattern[1..] {
        score += SCORE_MATCH + in_place_bonus(char_type(prev), char_type(c)).max(BONUS_CONSECUTIVE);
        prev = c;
    }
    i64::from(score)
}

/// The score of a one-char pattern `p` found in `text` (what [`fuzzy`] returns for it):
/// a match plus the best in-place bonus of its occurrences, less the initial gap.
pub fn single_char_score(text: &str, p: char) -> i64 {
    first_char_bonus(text, p).map_or(0, |bonus| bonus + i64::from(GAP_EXTENSION + SCORE_MATCH))
}

/// The best bonus `p` gets at any of its occurrences in `text` (doubled at the text's first
/// char), if it occurs: what a pattern starting with `p` can gain at its first char there.
pub fn first_char_bonus(text: &str, p: char) -> Option<i64> {
    let mut best = i32::MIN;
    let mut buf = [0u8; 4];
    let needle: &str = p.encode_utf8(&mut buf);
    for (pos, _) in text.match_indices(needle) {
        let prev = text[..pos].chars().next_back().unwrap_or('\0');
        let mut bonus = in_place_bonus(char_type(prev), char_type(p));
        if pos == 0 {
            bonus *= BONUS_FIRST_CHAR_MULTIPLIER;
        }
        best = best.max(bonus);
        if best >= BONUS_HEAD {
            // At the first char the bonus is the highest there is; after it, a head
            // bonus is the most any occurrence gets.
            break;
        }
    }
    (best != i32::MIN).then_some(i64::from(best))
}

/// `SkimMatcherV2::fuzzy` (case-respecting, no element limit) on a fresh matrix. With
/// `with_pos`, the full matrix is kept and the match traced back for its first and last
/// position, as `fuzzy_indices` does; without, two rows are reused, as `fuzzy_match` does.
pub fn fuzzy(
    choice: &[char],
    pattern: &[char],
    with_pos: bool,
    scratch: &mut Scratch,
) -> Option<Match> {
    if pattern.is_empty() {
        return Some(Match {
            score: 0,
            first: 0,
            last: 0,
        });
    }
    // cheap_matches: the first occurrence of each pattern char after the previous one.
    let first_match = &mut scratch.first;
    first_match.clear();
    let mut pi = 0;
    for (idx, &c) in choice.iter().enumerate() {
        if pi == pattern.len() {
            break;
        }
        if c == pattern[pi] {
            first_match.push(idx);
            pi += 1;
        }
    }
    if pi < pattern.len() {
        return None;
    }
    // Columns past the last occurrence of the last pattern char can neither score nor
    // influence a column before them: leave them out.
    let last_char = pattern[pattern.len() - 1];
    let end = choice.iter().rposition(|&c| c == last_char)? + 1;
    let choice = &choice[..end];
    let compressed = !with_pos;
    let cols = choice.len() + 1;
    let rows = if compressed { 2 } else { pattern.len() + 1 };
    let row_of = |r: usize| if compressed { r & 1 } else { r };

    let bonus = &mut scratch.bonus;
    bonus.clear();
    bonus.resize(cols, 0);
    let mut prev_ch = '\0';
    for (j, &c) in choice.iter().enumerate() {
        bonus[j + 1] = in_place_bonus(char_type(prev_ch), char_type(c));
        prev_ch = c;
    }
    if bonus.len() > 1 {
        bonus[1] *= BONUS_FIRST_CHAR_MULTIPLIER;
    }

    let m = &mut scratch.matrix;
    m.clear();
    m.resize(rows * cols, CellRepr(FRESH));
    for cell in &mut m[..cols] {
        cell.0.p_score = GAP_EXTENSION;
    }
    for (i, &p_ch) in pattern.iter().enumerate() {
        let row = row_of(i + 1);
        let row_prev = row_of(i);
        let to_skip = first_match[i];
        for (j, &c_ch) in choice[to_skip..].iter().enumerate() {
            let col = to_skip + j + 1;
            let col_prev = to_skip + j;
            let idx_cur = row * cols + col;
            let idx_last = row * cols + col_prev;
            let idx_prev = row_prev * cols + col_prev;
            if c_ch == p_ch {
                let prev_match_score = m[idx_prev].0.m_score;
                let prev_skip_score = m[idx_prev].0.p_score;
                let prev_match_bonus = m[idx_last].0.bonus;
                let in_place = bonus[col];
                let consecutive = prev_match_bonus.max(in_place.max(BONUS_CONSECUTIVE));
                m[idx_last].0.bonus = consecutive;
                let score_match = prev_match_score + consecutive;
                let score_skip = prev_skip_score + in_place;
                let cell = &mut m[idx_cur].0;
                if score_match >= score_skip {
                    cell.m_score = score_match + SCORE_MATCH;
                    cell.m_match = true;
                } else {
                    cell.m_score = score_skip + SCORE_MATCH;
                    cell.m_match = false;
                }
            } else {
                let cell = &mut m[idx_cur].0;
                cell.m_score = NEG_INFINITY;
                cell.m_match = false;
                cell.bonus = 0;
            }
            let from_match = GAP_START + GAP_EXTENSION + m[idx_last].0.m_score;
            let from_skip = GAP_EXTENSION + m[idx_last].0.p_score;
            let cell = &mut m[idx_cur].0;
            if from_match >= from_skip {
                cell.p_score = from_match;
                cell.p_match = true;
            } else {
                cell.p_score = from_skip;
                cell.p_match = false;
            }
        }
    }
    let first_col_of_last_row = first_match[first_match.len() - 1];
    let last_row = row_of(pattern.len()) * cols;
    // `max_by_key` keeps the last of equal maxima.
    let mut pat_idx = first_col_of_last_row;
    let mut score = i32::MIN;
    for (k, cell) in m[last_row + first_col_of_last_row..last_row + cols]
        .iter()
        .enumerate()
    {
        if cell.0.m_score >= score {
            score = cell.0.m_score;
            pat_idx = k + first_col_of_last_row;
        }
    }
    let (mut first, mut last) = (0, 0);
    if with_pos {
        let mut positions_seen = false;
        let mut i = rows - 1;
        let mut j = pat_idx;
        let mut track_m = true;
        let mut current_match = true;
        let first_col_first_row = first_match[0];
        while i > 0 && j > first_col_first_row {
            if current_match {
                // Traced backwards: the first position seen is the last matched.
                if !positions_seen {
                    last = j - 1;
                    positions_seen = true;
                }
                first = j - 1;
            }
            let cell = &m[i * cols + j].0;
            current_match = if track_m { cell.m_match } else { cell.p_match };
            if track_m {
                i -= 1;
            }
            j -= 1;
            track_m = current_match;
        }
        if !positions_seen {
            // fuzzy_indices returns no positions, which `compact` rejects.
            return None;
        }
    }
    Some(Match {
        score: i64::from(score),
        first,
        last,
    })
}
