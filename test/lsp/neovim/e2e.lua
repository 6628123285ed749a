-- Drives Neovim's built-in LSP client (0.7: vim.lsp.start_client) against the built dflint language server.
-- Input from the environment: DFLINT_SERVER (the server bundle), DFLINT_FILE (a Dockerfile), DFLINT_OUT (where
-- the results go, as JSON). Run headless by test/lsp/neovim.test.ts.
local server = os.getenv("DFLINT_SERVER")
local file = os.getenv("DFLINT_FILE")
local out = os.getenv("DFLINT_OUT")
local results = {}

local function diagnostics(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(list, {
      code = d.code or lsp.code,
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
      severity = d.severity,
      source = d.source,
      message = d.message,
    })
  end
  table.sort(list, function(a, b)
    if a.lnum ~= b.lnum then
      return a.lnum < b.lnum
    end
    return a.col < b.col
  end)
  return list
end

local function has_code(bufnr, code)
  for _, d in ipairs(diagnostics(bufnr)) do
    if d.code == code then
      return true
    end
  end
  return false
end

local function run()
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = "dockerfile"
  local client_id = vim.lsp.start_client({
    name = "dflint",
    cmd = { "node", server, "--stdio" },
    root_dir = vim.fn.fnamemodify(file, ":h"),
  })
  assert(client_id, "the client did not start")
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  assert(vim.wait(30000, function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 20), "no diagnostics")
  results.diagnostics = diagnostics(bufnr)

  local uri = vim.uri_from_bufnr(bufnr)
  local hover = client.request_sync("textDocument/hover", {
    textDocument = { uri = uri },
    position = { line = 3, character = 1 },
  }, 10000, bufnr)
  assert(hover and hover.result, "no hover: " .. vim.inspect(hover))
  results.hover = hover.result

  -- The preferred quick fix on line 3 (`run` -> `RUN`), applied the way Neovim applies a chosen action.
  local line_diags = vim.lsp.diagnostic.get_line_diagnostics(bufnr, 2)
  local actions = client.request_sync("textDocument/codeAction", {
    textDocument = { uri = uri },
    range = { start = { line = 2, character = 0 }, ["end"] = { line = 2, character = 3 } },
    context = { diagnostics = line_diags },
  }, 10000, bufnr)
  assert(actions and actions.result, "no code actions: " .. vim.inspect(actions))
  results.actions = {}
  local chosen
  for _, a in ipairs(actions.result) do
    table.insert(results.actions, a.title)
    if a.isPreferred and not chosen then
      chosen = a
    end
  end
  assert(chosen, "no preferred action")
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
  results.text = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  -- The edit reaches the server through incremental sync, and the finding goes.
  assert(vim.wait(30000, function()
    return not has_code(bufnr, "DF104")
  end, 20), "DF104 still reported after the fix")
  results.after = diagnostics(bufnr)

  client.stop()
  vim.wait(5000, function()
    return client.is_stopped()
  end, 20)
end

local ok, err = pcall(run)
results.ok = ok
results.error = ok and vim.NIL or tostring(err)
vim.fn.writefile({ vim.fn.json_encode(results) }, out)
vim.cmd(ok and "qall!" or "cquit!")
