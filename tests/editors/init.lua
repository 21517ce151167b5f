-- Neovim configuration for the kerjasama language server, as tested by
-- tests/test_editor_neovim.py (Neovim 0.7 from Debian and later; see docs/editor.md).
-- `vim.lsp.start` needs 0.8, so this uses start_client + buf_attach_client, which
-- every Neovim since 0.5 has. KERJASAMA_LSP_CMD (a JSON list) overrides the command.
local cmd = { "kerjasama", "lsp" }
if os.getenv("KERJASAMA_LSP_CMD") then
  cmd = vim.fn.json_decode(os.getenv("KERJASAMA_LSP_CMD"))
end

vim.cmd("autocmd BufRead,BufNewFile *.kr setfiletype kerjasama")

local client_id = nil
vim.api.nvim_create_autocmd("FileType", {
  pattern = "kerjasama",
  callback = function(args)
    if client_id == nil then
      client_id = vim.lsp.start_client({
        name = "kerjasama",
        cmd = cmd,
        root_dir = vim.fn.getcwd(),
        init_options = { withBundled = false },
      })
    end
    vim.lsp.buf_attach_client(args.buf, client_id)
  end,
})
