package testsupport

// HostileFiles are files a steered tool call could name as an env_file:
// ones that block, never end, or hold secrets that are not Notion's.
type HostileFiles struct {
	FIFO    string // a named pipe: opening it for reading blocks
	Environ string // environ.env, a link to /proc/self/environ
	Sparse  string // sparse.env, 2 GB of holes
	AWS     string // .aws/credentials holding secret as aws_secret_access_key
	AWSLink string // aws.env, a link to AWS
}
