-- Drives Neovim headless for tests/test_editor_neovim.py: opens the files of the spec
-- (KERJASAMA_NVIM_SPEC, JSON), waits for each file's diagnostics, asks hover, completion
-- and formatting where the spec says, and writes what the editor got as JSON to spec.out.
local spec = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv("KERJASAMA_NVIM_SPEC")), "\n"))
vim.o.hidden = true  -- formatted buffers stay modified while the next file opens
local published = {}
local show = vim.lsp.handlers["textDocument/publishDiagnostics"]
vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
  show(err, result, ctx, config)
  published[result.uri] = (published[result.uri] or 0) + 1
end

local function request(bufnr, method, params)
  local answers = vim.lsp.buf_request_sync(bufnr, method, params, 30000) or {}
  for _, answer in pairs(answers) do
    return answer.result
  end
  return nil
end

local function run()
  local out = { version = tostring(vim.version().major) .. "." .. tostring(vim.version().minor), files = {} }
  for _, f in ipairs(spec.files) do
    vim.cmd("edit " .. vim.fn.fnameescape(f.path))
    local bufnr = vim.api.nvim_get_current_buf()
    local uri = vim.uri_from_bufnr(bufnr)
    local got = vim.wait(60000, function() return (published[uri] or 0) > 0 end, 20)
    local file = { published = got, diagnostics = {} }
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local lsp_d = (d.user_data or {}).lsp or {}
      table.insert(file.diagnostics, {
        line = d.lnum, col = d.col, message = d.message, severity = d.severity,
        code = d.code or lsp_d.code,
      })
    end
    local doc = { uri = uri }
    if f.hover then
      local h = request(bufnr, "textDocument/hover", { textDocument = doc, position = f.hover })
      file.hover = h and h.contents and h.contents.value or vim.NIL
    end
    if f.completion then
      local c = request(bufnr, "textDocument/completion", { textDocument = doc, position = f.completion })
      file.completion = {}
      for _, item in ipairs((c and c.items) or c or {}) do
        table.insert(file.completion, item.label)
      end
    end
    if f.format then
      local edits = request(bufnr, "textDocument/formatting",
        { textDocument = doc, options = { tabSize = 2, insertSpaces = true } })
      if edits then
        vim.lsp.util.apply_text_edits(edits, bufnr, "utf-16")
      end
      file.formatted = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n") .. "\n"
    end
    out.files[f.path] = file
  end
  return out
end

local ok, result = pcall(run)
if not ok then
  result = { error = tostring(result) }
end
vim.fn.writefile({ vim.fn.json_encode(result) }, spec.out)
vim.cmd(ok and "qall!" or "cquit! 1")
