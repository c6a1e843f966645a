//! Where kurabe keeps the user's files: configuration, their own vendors and reviews, and the
//! state it remembers between runs. Each directory can be moved with an environment variable
//! (which is also how the tests keep away from the real home directory).

use directories::ProjectDirs;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// `config.yaml` lives here (`KURABE_CONFIG_DIR`).
    pub config_dir: PathBuf,
    /// The user's `vendors/`, optional `controls.yaml` and `reviews.yaml` (`KURABE_DATA_DIR`).
    pub data_dir: PathBuf,
    /// What the app remembers between runs (`KURABE_STATE_DIR`).
    pub state_dir: PathBuf,
    /// Caches of large catalogues, safe to delete (`KURABE_CACHE_DIR`).
    pub cache_dir: PathBuf,
}

impl Paths {
    /// The platform's directories for kurabe, overridden by the environment.
    pub fn from_env() -> Paths {
        let dirs = ProjectDirs::from("", "", "kurabe");
        let pick = |var: &str, default: Option<PathBuf>, fallback: &str| {
            std::env::var_os(var)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
                .or(default)
                .unwrap_or_else(|| PathBuf::from(fallback))
        };
        let config = dirs.as_ref().map(|d| d.config_dir().to_path_buf());
        let data = dirs.as_ref().map(|d| d.data_dir().to_path_buf());
        let state = dirs
            .as_ref()
            .map(|d| d.state_dir().unwrap_or(d.data_local_dir()).to_path_buf());
        let cache = dirs.as_ref().map(|d| d.cache_dir().to_path_buf());
        Paths {
            config_dir: pick("KURABE_CONFIG_DIR", config, ".kurabe/config"),
            data_dir: pick("KURABE_DATA_DIR", data, ".kurabe/data"),
            state_dir: pick("KURABE_STATE_DIR", state, ".kurabe/state"),
            cache_dir: pick("KURABE_CACHE_DIR", cache, ".kurabe/cache"),
        }
    }

    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.yaml")
    }
    pub fn vendors_dir(&self) -> PathBuf {
        self.data_dir.join("vendors")
    }
    pub fn controls_file(&self) -> PathBuf {
        self.data_dir.join("controls.yaml")
    }
    /// Requirements profiles (`*.yaml`), for `kurabe evaluate --requirements ID`.
    pub fn requirements_dir(&self) -> PathBuf {
        self.data_dir.join("requirements")
    }
    pub fn reviews_file(&self) -> PathBuf {
        self.data_dir.join("reviews.yaml")
    }
    pub fn state_file(&self) -> PathBuf {
        self.state_dir.join("state.yaml")
    }
}
