use reattempt::retry;

trait Store {
    #[retry(attempts = 2)]
    fn load(&self) -> Result<u32, std::io::Error>;
}

struct Disk;

impl Store for Disk {
    fn load(&self) -> Result<u32, std::io::Error> {
        Ok(1)
    }
}

fn main() {
    let _ = Disk.load();
}
