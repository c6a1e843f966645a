//! `table!`: an enum of words and its English and Japanese side by side, with the list of all
//! its variants, so that a test can hold every one of them to both languages.

/// Defines `enum $name` with one variant per line `Variant => ("English", "日本語"),`, and
/// `$name::ALL`, `pair` and `get`.
macro_rules! table {
    ($(#[$outer:meta])* $name:ident { $($(#[$doc:meta])* $variant:ident => ($en:expr, $ja:expr $(,)?),)* }) => {
        $(#[$outer])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($(#[$doc])* $variant,)*
        }

        impl $name {
            /// Every variant, for the test that each reads in both languages.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// (English, Japanese).
            pub fn pair(self) -> (&'static str, &'static str) {
                match self {
                    $($name::$variant => ($en, $ja),)*
                }
            }

            /// The words in `lang`.
            pub fn get(self, lang: $crate::catalog::Lang) -> &'static str {
                let (en, ja) = self.pair();
                $crate::words::tr(lang, en, ja)
            }
        }
    };
}
