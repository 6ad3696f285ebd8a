//! The code panel's tabs: which one shows (Keras only for a model that has a Keras form) and
//! how its code block is marked.

/// A tab of the code panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeTab {
    PyTorch,
    CellLoop,
    Keras,
}

impl CodeTab {
    /// The tab shown when `picked` was chosen: Keras falls back to PyTorch when the model has
    /// no Keras form.
    pub fn shown(picked: CodeTab, has_keras: bool) -> CodeTab {
        match picked {
            CodeTab::Keras if !has_keras => CodeTab::PyTorch,
            t => t,
        }
    }

    /// The code block's classes.
    pub fn class(self) -> &'static str {
        match self {
            CodeTab::PyTorch => "language-python code-pytorch",
            CodeTab::Keras => "language-python code-keras",
            CodeTab::CellLoop => "language-python code-cell-loop",
        }
    }

    /// The tab button's `data-testid`.
    pub fn testid(self) -> &'static str {
        match self {
            CodeTab::PyTorch => "code-tab-pytorch",
            CodeTab::Keras => "code-tab-keras",
            CodeTab::CellLoop => "code-tab-cell-loop",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keras_shows_only_for_a_model_that_has_it() {
        assert_eq!(CodeTab::shown(CodeTab::Keras, false), CodeTab::PyTorch);
        assert_eq!(CodeTab::shown(CodeTab::Keras, true), CodeTab::Keras);
        assert_eq!(CodeTab::shown(CodeTab::CellLoop, false), CodeTab::CellLoop);
        let all = [CodeTab::PyTorch, CodeTab::CellLoop, CodeTab::Keras];
        for (i, a) in all.iter().enumerate() {
            assert!(a.class().starts_with("language-python "));
            for b in &all[i + 1..] {
                assert_ne!((a.class(), a.testid()), (b.class(), b.testid()));
            }
        }
    }
}
