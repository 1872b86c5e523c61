//! Writes `ui/src/bindings/commands.ts`: one typed wrapper per command the app registers, read
//! from the commands' own signatures, so renaming a command, an argument or a type fails the
//! UI's type check (and `make test`'s check that the committed bindings are current).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use syn::{Expr, FnArg, GenericArgument, Item, ItemFn, Lit, Meta, Pat, PathArguments, ReturnType, Type};

type Failure = Box<dyn std::error::Error>;

/// Arguments Tauri fills in itself; the UI never passes them.
const INJECTED: [&str; 4] = ["State", "AppHandle", "Window", "WebviewWindow"];

/// The commands `generate_handler!` registers in `lib.rs`, as (module, function) pairs.
fn registered(lib: &syn::File) -> Result<Vec<(String, String)>, Failure> {
    let mut found = Vec::new();
    let mut tokens = Vec::new();
    collect_handler_tokens(&lib.items, &mut tokens)?;
    for path in tokens {
        let names: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        match names.as_slice() {
            [commands, module, function] if commands == "commands" => found.push((module.clone(), function.clone())),
            _ => return Err(format!("register commands as commands::MODULE::NAME, not {}", names.join("::")).into()),
        }
    }
    if found.is_empty() {
        return Err("no generate_handler! found in src/lib.rs".into());
    }
    Ok(found)
}

fn collect_handler_tokens(items: &[Item], out: &mut Vec<syn::Path>) -> Result<(), Failure> {
    struct Finder<'a>(&'a mut Vec<syn::Path>, Option<syn::Error>);
    impl<'ast> syn::visit::Visit<'ast> for Finder<'_> {
        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            if mac.path.segments.last().is_some_and(|s| s.ident == "generate_handler") {
                let parser = syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated;
                match mac.parse_body_with(parser) {
                    Ok(paths) => self.0.extend(paths),
                    Err(e) => self.1 = Some(e),
                }
            }
        }
    }
    let mut finder = Finder(out, None);
    for item in items {
        syn::visit::Visit::visit_item(&mut finder, item);
    }
    finder.1.map_or(Ok(()), |e| Err(e.into()))
}

/// `rename_all = "snake_case"` keeps argument names as written; Tauri's default is camelCase.
fn keeps_snake_case(f: &ItemFn) -> bool {
    f.attrs.iter().any(|a| {
        a.path().segments.last().is_some_and(|s| s.ident == "command")
            && matches!(&a.meta, Meta::List(list) if list.tokens.to_string().contains("\"snake_case\""))
    })
}

fn is_command(f: &ItemFn) -> bool {
    f.attrs.iter().any(|a| {
        let names: Vec<String> = a.path().segments.iter().map(|s| s.ident.to_string()).collect();
        names == ["tauri", "command"]
    })
}

fn doc(f: &ItemFn) -> Vec<String> {
    f.attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            Meta::NameValue(nv) => match &nv.value {
                Expr::Lit(l) => match &l.lit {
                    Lit::Str(s) => Some(s.value().trim().to_owned()),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The single type argument of `Option<T>`, `Vec<T>`, `Result<T>`.
fn inner(args: &PathArguments) -> Result<&Type, Failure> {
    match args {
        PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .find_map(|g| match g {
                GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .ok_or_else(|| "a generic type without a type argument".into()),
        _ => Err("a generic type without a type argument".into()),
    }
}

/// The TypeScript for a Rust type; named types are imported from their ts-rs binding.
fn ts(ty: &Type, imports: &mut BTreeSet<String>) -> Result<String, Failure> {
    match ty {
        Type::Reference(r) => ts(&r.elem, imports),
        Type::Tuple(t) if t.elems.is_empty() => Ok("void".into()),
        Type::Path(p) => {
            let last = p.path.segments.last().ok_or("an empty type path")?;
            let name = last.ident.to_string();
            Ok(match name.as_str() {
                "String" | "str" | "PathBuf" => "string".into(),
                "bool" => "boolean".into(),
                "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" | "f32" | "f64" => {
                    "number".into()
                }
                "Option" => format!("{} | null", ts(inner(&last.arguments)?, imports)?),
                "Vec" => {
                    let item = ts(inner(&last.arguments)?, imports)?;
                    if item.contains(' ') { format!("({item})[]") } else { format!("{item}[]") }
                }
                "Result" => ts(inner(&last.arguments)?, imports)?,
                _ => {
                    imports.insert(name.clone());
                    name
                }
            })
        }
        _ => Err(format!("no TypeScript for the type {}", quote::ToTokens::to_token_stream(ty)).into()),
    }
}

/// One wrapper: `name: (args) => invoke<Answer>("name", { args })`.
fn wrapper(f: &ItemFn, imports: &mut BTreeSet<String>) -> Result<String, Failure> {
    let command = f.sig.ident.to_string();
    let snake = keeps_snake_case(f);
    let mut params = Vec::new();
    let mut names = Vec::new();
    for arg in &f.sig.inputs {
        let FnArg::Typed(arg) = arg else { return Err(format!("{command} takes self").into()) };
        if let Type::Path(p) = &*arg.ty
            && p.path.segments.last().is_some_and(|s| INJECTED.contains(&s.ident.to_string().as_str()))
        {
            continue;
        }
        let Pat::Ident(name) = &*arg.pat else { return Err(format!("{command}: name every argument").into()) };
        let name = name.ident.to_string();
        let key = if snake { name.clone() } else { camel(&name) };
        params.push(format!("{key}: {}", ts(&arg.ty, imports)?));
        names.push(key);
    }
    let answer = match &f.sig.output {
        ReturnType::Default => "void".to_owned(),
        ReturnType::Type(_, t) => ts(t, imports)?,
    };
    let mut out = String::new();
    let doc = doc(f);
    if !doc.is_empty() {
        writeln!(out, "  /** {} */", doc.join(" "))?;
    }
    let args = if names.is_empty() { String::new() } else { format!(", {{ {} }}", names.join(", ")) };
    writeln!(out, "  {}: ({}) =>\n    invoke<{answer}>(\"{command}\"{args}),", camel(&command), params.join(", "))?;
    Ok(out)
}

/// The whole `commands.ts` for the crate at `root`.
pub fn generate(root: &Path) -> Result<String, Failure> {
    let lib = syn::parse_file(&std::fs::read_to_string(root.join("src/lib.rs"))?)?;
    let mut imports = BTreeSet::new();
    let mut body = String::new();
    for (module, function) in registered(&lib)? {
        let file = syn::parse_file(&std::fs::read_to_string(root.join(format!("src/commands/{module}.rs")))?)?;
        let f = file
            .items
            .iter()
            .find_map(|i| match i {
                Item::Fn(f) if f.sig.ident == function && is_command(f) => Some(f),
                _ => None,
            })
            .ok_or_else(|| format!("commands::{module}::{function} is registered but not a #[tauri::command] there"))?;
        body.push_str(&wrapper(f, &mut imports)?);
    }
    let mut out = String::from(
        "// Generated from the Tauri commands (src-tauri/src/commands) by the outpost-app tests.\n\
         // Do not edit this file manually.\n\n\
         import { invoke } from \"@tauri-apps/api/core\";\n",
    );
    for name in &imports {
        writeln!(out, "import type {{ {name} }} from \"./{name}\";")?;
    }
    write!(
        out,
        "\n/** Every command the app registers, typed from its Rust signature. */\nexport const commands = {{\n{body}}};\n"
    )?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_commands() -> Result<(), Failure> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = std::env::var("TS_RS_EXPORT_DIR").unwrap_or_else(|_| "../ui/src/bindings".into());
        std::fs::write(Path::new(&dir).join("commands.ts"), generate(root)?)?;
        Ok(())
    }

    #[test]
    fn types_become_typescript() -> Result<(), Failure> {
        let mut imports = BTreeSet::new();
        let f: ItemFn = syn::parse_quote! {
            /// Does a thing.
            #[tauri::command(rename_all = "snake_case")]
            pub async fn do_thing(state: State<'_, AppState>, job_id: String, lines: Vec<Option<i64>>, to: JobStatus) -> Result<Option<JobView>> {}
        };
        assert_eq!(
            wrapper(&f, &mut imports)?,
            "  /** Does a thing. */\n  doThing: (job_id: string, lines: (number | null)[], to: JobStatus) =>\n    \
             invoke<JobView | null>(\"do_thing\", { job_id, lines, to }),\n"
        );
        assert_eq!(imports.into_iter().collect::<Vec<_>>(), ["JobStatus", "JobView"]);
        let f: ItemFn = syn::parse_quote! {
            #[tauri::command]
            pub fn ping(app: AppHandle<R>, hq_url: String) {}
        };
        assert_eq!(
            wrapper(&f, &mut BTreeSet::new())?,
            "  ping: (hqUrl: string) =>\n    invoke<void>(\"ping\", { hqUrl }),\n"
        );
        Ok(())
    }

    #[test]
    fn an_unregistered_path_is_refused() {
        let lib: syn::File = syn::parse_quote! {
            fn b() { x.invoke_handler(tauri::generate_handler![get_job]) }
        };
        assert!(registered(&lib).is_err());
    }
}
