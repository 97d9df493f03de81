//! Text that the player reads, in both of the game's languages.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Lang {
    #[default]
    En,
    Ko,
}

/// One string in English and Korean. A level that leaves either empty fails `check`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Text {
    #[serde(default)]
    pub en: String,
    #[serde(default)]
    pub ko: String,
}

impl Text {
    pub fn new(en: &str, ko: &str) -> Text {
        Text {
            en: en.to_string(),
            ko: ko.to_string(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ko => &self.ko,
        }
    }

    /// Which language is missing, if any.
    pub fn missing(&self) -> Option<&'static str> {
        if self.en.trim().is_empty() {
            Some("English (`en`)")
        } else if self.ko.trim().is_empty() {
            Some("Korean (`ko`)")
        } else {
            None
        }
    }
}
