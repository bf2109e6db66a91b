module gluster.org/gfevent

go 1.19
