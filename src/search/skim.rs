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
    /// [`fuzzy_within`]'s two rows of (match score, skip score), and per column its flags.
    rows: [Vec<(i32, i32)>; 2],
    flags: Vec<u64>,
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
pub enum CharType {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

#[inline]
fn char_type(ch: char) -> CharType {
    if ch.is_ascii() {
        ASCII_TYPES[ch as usize]
    } else {
        CharType::Lower
    }
}

const ASCII_TYPES: [CharType; 128] = {
    let mut table = [CharType::Lower; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = classify(b as u8 as char);
        b += 1;
    }
    table
};

const fn classify(ch: char) -> CharType {
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
        table[b] = match classify(b as u8 as char) {
            CharType::HardSep => BONUS_HEAD as u8,
            CharType::SoftSep => BONUS_BREAK as u8,
            _ => 0,
        };
        b += 1;
    }
    table
};

#[inline]
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
    let bytes = text.as_bytes();
    // A char's encoding never overlaps itself nor starts inside another char's.
    let positions: &mut dyn Iterator<Item = usize> = if p.is_ascii() {
        &mut memchr::memchr_iter(p as u8, bytes)
    } else {
        &mut memchr::memmem::find_iter(bytes, needle.as_bytes())
    };
    for pos in positions {
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

/// What skim reads a text as: chars, or the bytes of an ASCII text (each byte a char).
pub trait Unit: Copy + Eq {
    fn kind(self) -> CharType;
    fn to_char(self) -> char;
}

impl Unit for char {
    #[inline]
    fn kind(self) -> CharType {
        char_type(self)
    }
    fn to_char(self) -> char {
        self
    }
}

impl Unit for u8 {
    /// For the bytes of ASCII text only.
    #[inline]
    fn kind(self) -> CharType {
        char_type(self as char)
    }
    fn to_char(self) -> char {
        self as char
    }
}

/// Flags of up to this many pattern chars fit a column's `u64` (bit `r`: row `r`'s match flag,
/// bit `32 + r`: its skip flag; row 0 is the empty pattern).
const MAX_FLAG_ROWS: usize = 31;

/// [`fuzzy`] with positions (`fuzzy_indices`), when all that is wanted is its score provided
/// its first and last matched positions lie at most `span` apart.
///
/// The same cells are computed, but a row's scores are only read by the next row, so two rows
/// of scores are kept, and of each cell only the two flags the trace back reads (bits per
/// column). The stored bonus of the full matrix is left out: on a fresh matrix the cell it is
/// read from was written in the same row and zeroed before it is read, so the consecutive
/// bonus is always `max(in_place, BONUS_CONSECUTIVE)`. The trace back stops as soon as the span
/// is exceeded.
pub fn fuzzy_within<T: Unit>(
    choice: &[T],
    pattern: &[T],
    span: usize,
    scratch: &mut Scratch,
) -> Option<i64> {
    let n = pattern.len();
    if n == 0 || n > MAX_FLAG_ROWS {
        let choice: Vec<char> = choice.iter().map(|c| c.to_char()).collect();
        let pattern: Vec<char> = pattern.iter().map(|c| c.to_char()).collect();
        let m = fuzzy(&choice, &pattern, true, scratch)?;
        return (m.last - m.first <= span).then_some(m.score);
    }
    let first_match = &mut scratch.first;
    first_match.clear();
    let mut pi = 0;
    for (idx, &c) in choice.iter().enumerate() {
        if c == pattern[pi] {
            first_match.push(idx);
            pi += 1;
            if pi == n {
                break;
            }
        }
    }
    if pi < n {
        return None;
    }
    let last_char = pattern[n - 1];
    let end = choice.iter().rposition(|&c| c == last_char)? + 1;
    let choice = &choice[..end];
    let cols = choice.len() + 1;
    let from = first_match[0];

    // Columns before `from` are never read.
    let bonus = &mut scratch.bonus;
    bonus.clear();
    bonus.resize(cols, 0);
    let mut prev_kind = if from == 0 {
        CharType::Empty
    } else {
        choice[from - 1].kind()
    };
    for (j, c) in choice.iter().enumerate().skip(from) {
        let kind = c.kind();
        bonus[j + 1] = in_place_bonus(prev_kind, kind);
        prev_kind = kind;
    }
    if from == 0 {
        bonus[1] *= BONUS_FIRST_CHAR_MULTIPLIER;
    }

    let flags = &mut scratch.flags;
    flags.clear();
    flags.resize(cols, 0);
    let [prev, cur] = &mut scratch.rows;
    prev.clear();
    prev.resize(cols, (NEG_INFINITY, GAP_EXTENSION));
    cur.clear();
    cur.resize(cols, (NEG_INFINITY, NEG_INFINITY));
    for (i, &p_ch) in pattern.iter().enumerate() {
        let m_bit = 1u64 << (i + 1);
        let p_bit = 1u64 << (32 + i + 1);
        let to_skip = first_match[i];
        // The cell before the first this row computes is a fresh one.
        cur[to_skip] = (NEG_INFINITY, NEG_INFINITY);
        let (mut last_m, mut last_p) = cur[to_skip];
        for col in to_skip + 1..cols {
            let m_score = if choice[col - 1] == p_ch {
                let (prev_m, prev_p) = prev[col - 1];
                let in_place = bonus[col];
                let score_match = prev_m + in_place.max(BONUS_CONSECUTIVE);
                let score_skip = prev_p + in_place;
                if score_match >= score_skip {
                    flags[col] |= m_bit;
                    score_match + SCORE_MATCH
                } else {
                    score_skip + SCORE_MATCH
                }
            } else {
                NEG_INFINITY
            };
            let from_match = GAP_START + GAP_EXTENSION + last_m;
            let from_skip = GAP_EXTENSION + last_p;
            let p_score = if from_match >= from_skip {
                flags[col] |= p_bit;
                from_match
            } else {
                from_skip
            };
            cur[col] = (m_score, p_score);
            (last_m, last_p) = (m_score, p_score);
        }
        std::mem::swap(prev, cur);
    }
    let last_row = &*prev;
    let mut pat_idx = first_match[n - 1];
    let mut score = i32::MIN;
    for (col, &(m_score, _)) in last_row.iter().enumerate().skip(pat_idx) {
        if m_score >= score {
            score = m_score;
            pat_idx = col;
        }
    }
    // The trace back of `fuzzy`, on the flags.
    let mut last = None;
    let mut i = n;
    let mut j = pat_idx;
    let mut track_m = true;
    let mut current_match = true;
    while i > 0 && j > from {
        if current_match {
            let at = j - 1;
            let last = *last.get_or_insert(at);
            if last - at > span {
                return None;
            }
        }
        let bit = if track_m { 1u64 << i } else { 1u64 << (32 + i) };
        current_match = flags[j] & bit != 0;
        if track_m {
            i -= 1;
        }
        j -= 1;
        track_m = current_match;
    }
    last.map(|_| i64::from(score))
}
