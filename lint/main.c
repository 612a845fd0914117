/* main.c - grantlint's entry point. */
#include "cli.h"

int main(int argc, char **argv)
{
	return gl_cli_main(argc, argv);
}
