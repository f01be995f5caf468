use reattempt::retry;

#[retry(attempts = 2, on_give_up = |event: &u32| println!("{event}"))]
async fn fetch() -> Result<(), std::io::Error> {
    Ok(())
}

fn main() {
    let _ = fetch();
}
