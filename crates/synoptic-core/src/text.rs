//! [`Text`]: a string that can be shared cheaply, for the texts a synopsis
//! repeats.
//!
//! A synopsis holds the same paragraph many times over: the row's base
//! text, every unchanged proposal's cell text and the single `equal` change
//! of each of those cells. With twenty proposals that is some forty copies
//! of every paragraph. Sharing one allocation among them keeps a large
//! synopsis within memory and saves the time of copying and freeing it; the
//! JSON and every writer see plain strings all the same.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A string whose clones can share one allocation.
///
/// A text made from a `String` owns it and can still grow
/// ([`Text::push_str`], as readers merge neighbouring runs); [`Text::share`]
/// turns it into a shared one whose clones cost a reference count.
#[derive(Clone)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    Owned(String),
    Shared(Arc<str>),
}

impl Text {
    /// The text as a string slice.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Owned(s) => s,
            Repr::Shared(s) => s,
        }
    }

    /// The same text, made shareable: its clones share one allocation.
    pub fn share(self) -> Text {
        match self.0 {
            Repr::Owned(s) => Text(Repr::Shared(Arc::from(s))),
            shared @ Repr::Shared(_) => Text(shared),
        }
    }

    /// Appends `more` (copying a shared text into an owned one first).
    pub fn push_str(&mut self, more: &str) {
        match &mut self.0 {
            Repr::Owned(s) => s.push_str(more),
            Repr::Shared(s) => {
                let mut owned = String::with_capacity(s.len() + more.len());
                owned.push_str(s);
                owned.push_str(more);
                self.0 = Repr::Owned(owned);
            }
        }
    }
}

impl Default for Text {
    fn default() -> Self {
        Text(Repr::Owned(String::new()))
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        // Shared texts are compared often against their own clones.
        match (&self.0, &other.0) {
            (Repr::Shared(a), Repr::Shared(b)) if Arc::ptr_eq(a, b) => true,
            _ => self.as_str() == other.as_str(),
        }
    }
}

impl Eq for Text {}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text(Repr::Owned(s))
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text(Repr::Owned(s.to_string()))
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Self {
        Text(Repr::Owned(s.clone()))
    }
}

impl From<&Text> for Text {
    fn from(s: &Text) -> Self {
        s.clone()
    }
}

impl From<Cow<'_, str>> for Text {
    fn from(s: Cow<'_, str>) -> Self {
        Text(Repr::Owned(s.into_owned()))
    }
}

impl From<Text> for String {
    fn from(t: Text) -> Self {
        match t.0 {
            Repr::Owned(s) => s,
            Repr::Shared(s) => s.to_string(),
        }
    }
}

impl FromIterator<char> for Text {
    fn from_iter<I: IntoIterator<Item = char>>(iter: I) -> Self {
        Text(Repr::Owned(iter.into_iter().collect()))
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Text::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_clones_share_one_allocation() {
        let a = Text::from("considering a) that").share();
        let b = a.clone();
        assert!(std::ptr::eq(a.as_str(), b.as_str()));
        assert_eq!(a, b);
        let owned = Text::from("x");
        assert!(!std::ptr::eq(owned.as_str(), owned.clone().as_str()));
    }

    #[test]
    fn a_shared_text_grows_into_an_owned_copy() {
        let a = Text::from("Rev. ").share();
        let mut b = a.clone();
        b.push_str("Dubai");
        b.push_str(", 2018");
        assert_eq!(b, "Rev. Dubai, 2018");
        assert_eq!(a, "Rev. ", "the shared original is left alone");
    }

    #[test]
    fn compares_with_strings_both_ways() {
        let t = Text::from(String::from("abc"));
        assert_eq!(t, "abc");
        assert_eq!("abc", t);
        assert_eq!(t, String::from("abc"));
        assert_eq!(t.clone().share(), t);
        assert_eq!(Text::default(), "");
    }

    #[test]
    fn serialises_as_a_plain_string() {
        let t = Text::from("a \"quoted\" <text>");
        let json = serde_json::to_string(&t).expect("serialise");
        assert_eq!(json, r#""a \"quoted\" <text>""#);
        let back: Text = serde_json::from_str(&json).expect("deserialise");
        assert_eq!(back, t);
    }
}
