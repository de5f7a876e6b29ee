//! Sentence splitting over tokens.

use crate::lexicon::Lexicon;
use crate::{Sentence, Token, TokenKind};

#[inline]
fn is_terminal(text: &str, t: &Token) -> bool {
    if t.kind != TokenKind::Punct {
        return false;
    }
    let s = &text[t.span.start..t.span.end];
    s.starts_with('.') || s.starts_with('!') || s.starts_with('?') || s == "…"
}

#[inline]
fn is_closer(text: &str, t: &Token) -> bool {
    matches!(
        &text[t.span.start..t.span.end],
        "“" | "‘" | "”" | "’" | "\"" | "»" | "«" | "›" | "‹" | ")" | "]"
    )
}

#[inline]
fn starts_lower(text: &str, t: &Token) -> bool {
    text[t.span.start..]
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// Whether a line break lies between two tokens, and whether it is a blank
/// line.
#[inline]
fn line_break(text: &str, a: &Token, b: &Token) -> (bool, bool) {
    let gap = &text.as_bytes()[a.span.end..b.span.start];
    if gap == b" " || gap.is_empty() {
        return (false, false);
    }
    let n = gap.iter().filter(|&&b| b == b'\n').count();
    (n > 0, n > 1)
}

/// A semicolon, or a colon before a word that starts a new clause, ends a
/// sentence when a space follows — but not inside brackets ("(übersetzt: Es
/// ist genug!)").
fn clause_break(text: &str, tokens: &[Token], i: usize, lex: &Lexicon, depth: i32) -> bool {
    let t = &tokens[i];
    if t.kind != TokenKind::Punct {
        return false;
    }
    let s = &text[t.span.start..t.span.end];
    if (s != ";" && s != ":") || depth > 0 {
        return false;
    }
    let Some(n) = tokens.get(i + 1) else {
        return false;
    };
    if n.span.start == t.span.end {
        return false;
    }
    if s == ";" {
        return true;
    }
    n.kind == TokenKind::Word
        && lex
            .clause_starters
            .contains(&text[n.span.start..n.span.end])
}

pub(crate) fn split(text: &str, tokens: &[Token], lex: &Lexicon, out: &mut Vec<Sentence>) {
    if tokens.is_empty() {
        return;
    }
    let mut first = 0;
    let mut i = 0;
    // Bracket depth inside the current sentence.
    let mut depth = 0i32;
    while i < tokens.len() {
        let t = &tokens[i];
        if t.kind == TokenKind::Punct {
            match &text[t.span.start..t.span.end] {
                "(" | "[" => depth += 1,
                ")" | "]" => depth = (depth - 1).max(0),
                _ => {}
            }
        }
        let mut last = i;
        let boundary;
        if is_terminal(text, t) {
            // Closing quotes and brackets after the mark belong to the sentence.
            while last + 1 < tokens.len()
                && is_closer(text, &tokens[last + 1])
                && tokens[last + 1].span.start == tokens[last].span.end
            {
                last += 1;
            }
            match tokens.get(last + 1) {
                None => boundary = true,
                Some(n) => {
                    let ns = &text[n.span.start..n.span.end];
                    let (nl, _) = line_break(text, &tokens[last], n);
                    boundary = nl
                        || !(starts_lower(text, n)
                            || matches!(ns, "," | ";" | ":" | ")" | "]" | "–" | "-"));
                }
            }
        } else if let Some(n) = tokens.get(i + 1) {
            let (nl, blank) = line_break(text, t, n);
            let final_abbreviation = t.kind == TokenKind::Abbreviation
                && n.kind == TokenKind::Word
                && lex
                    .sentence_final
                    .contains(text[t.span.start..t.span.end].trim_end_matches('.'))
                && lex
                    .clause_starters
                    .contains(&text[n.span.start..n.span.end]);
            boundary = blank
                || (nl && !starts_lower(text, n))
                || (nl && matches!(t.kind, TokenKind::Abbreviation | TokenKind::Ordinal))
                || clause_break(text, tokens, i, lex, depth)
                || final_abbreviation;
        } else {
            boundary = true;
        }
        if boundary {
            out.push(Sentence {
                span: wortlaut_normalize::Span::new(
                    tokens[first].span.start,
                    tokens[last].span.end,
                ),
                tokens: first..last + 1,
            });
            first = last + 1;
            depth = 0;
        }
        i = last + 1;
    }
    if first < tokens.len() {
        out.push(Sentence {
            span: wortlaut_normalize::Span::new(
                tokens[first].span.start,
                tokens[tokens.len() - 1].span.end,
            ),
            tokens: first..tokens.len(),
        });
    }
}
